Who among your clients should we meet, ${referrer.firstName}?
