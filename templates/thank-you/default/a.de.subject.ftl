Vielen Dank, ${referrer.firstName}
