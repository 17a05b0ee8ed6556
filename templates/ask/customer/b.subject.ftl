Who should we meet, ${referrer.firstName}?
