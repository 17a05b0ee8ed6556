A small favour, ${referrer.firstName}?
