Re: the introduction, ${referrer.firstName}
