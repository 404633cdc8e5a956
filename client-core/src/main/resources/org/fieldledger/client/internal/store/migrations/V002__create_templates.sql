-- Checklist versions as pulled: every version is kept, since visits recorded against an old one must stay readable.
CREATE TABLE templates (
    template_id TEXT    NOT NULL,
    version     INTEGER NOT NULL,
    document    TEXT    NOT NULL,
    retired     INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    PRIMARY KEY (template_id, version)
);
