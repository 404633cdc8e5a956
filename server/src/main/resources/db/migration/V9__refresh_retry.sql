-- The token a refresh token was exchanged for. A device whose refresh response was lost (a dropped 2G connection)
-- retries with the used token; while this successor is still unused, the retry is answered instead of being taken
-- for theft. Null for tokens not yet exchanged.
ALTER TABLE refresh_token ADD COLUMN replaced_by CHAR(64);
