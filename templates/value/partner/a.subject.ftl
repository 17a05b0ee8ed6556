${referrer.firstName}, an offer your clients can use this quarter
