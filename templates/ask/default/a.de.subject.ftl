Eine kleine Bitte, ${referrer.firstName}
