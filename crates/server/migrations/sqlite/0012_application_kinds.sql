-- Logto's other application types (SPA, Native, Traditional) as records: their OIDC
-- client metadata (redirect URIs), custom client metadata and whether a third party
-- owns them. Tenantry issues tokens only to MachineToMachine applications.
ALTER TABLE applications ADD COLUMN oidc_client_metadata TEXT NOT NULL
    DEFAULT '{"redirectUris":[],"postLogoutRedirectUris":[]}';
ALTER TABLE applications ADD COLUMN custom_client_metadata TEXT NOT NULL DEFAULT '{}';
ALTER TABLE applications ADD COLUMN is_third_party BOOLEAN NOT NULL DEFAULT FALSE;
