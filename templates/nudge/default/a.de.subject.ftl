Re: die Vorstellung, ${referrer.firstName}
