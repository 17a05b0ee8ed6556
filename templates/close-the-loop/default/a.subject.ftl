Good news from your introduction, ${referrer.firstName}
