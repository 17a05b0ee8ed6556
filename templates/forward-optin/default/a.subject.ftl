Would an introduction to ${owner.name} be welcome?
