-- a neutralized copy of a database must never read from or post to the real
-- social accounts: wipe the credentials and stop fetching
UPDATE social_crm_account
   SET client_id = NULL,
       api_key = NULL,
       access_token = NULL,
       state = 'disconnected';
