${referrer.firstName}, unsere Checkliste für die Zeit nach dem Start
