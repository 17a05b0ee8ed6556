An introduction, ${referrer.firstName}?
