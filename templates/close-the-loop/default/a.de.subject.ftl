Gute Nachrichten aus Ihrer Vorstellung, ${referrer.firstName}
