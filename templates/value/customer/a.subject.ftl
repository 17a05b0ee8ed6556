${referrer.firstName}, the checklist we use after every go-live
