Wäre eine Vorstellung von ${owner.name} willkommen?
