Thank you, ${referrer.firstName}
