-- The form of the prefilled intro an introduction uses: the direct three-way intro, or the double opt-in request.
ALTER TABLE introduction ADD COLUMN intro_form VARCHAR(10) DEFAULT 'direct' NOT NULL;
