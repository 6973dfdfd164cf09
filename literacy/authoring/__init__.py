"""Partner authoring in the browser: module drafts, versions, review, publishing through the importer."""
