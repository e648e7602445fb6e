-- The Management API's `all` scope gets Logto's fixed id, `management-api-all`, on
-- databases made before it had one: a new row under that id takes the old one's place
-- in every role and organization role, then the old row goes.
UPDATE scopes SET name = 'all (moving)'
    WHERE resource_id = 'management-api' AND name = 'all' AND id <> 'management-api-all';
INSERT INTO scopes (id, resource_id, name, description, created_at)
    SELECT 'management-api-all', resource_id, 'all', description, created_at
    FROM scopes WHERE resource_id = 'management-api' AND name = 'all (moving)';
UPDATE roles_scopes SET scope_id = 'management-api-all'
    WHERE scope_id IN (SELECT id FROM scopes
        WHERE resource_id = 'management-api' AND name = 'all (moving)');
UPDATE organization_role_resource_scopes SET scope_id = 'management-api-all'
    WHERE scope_id IN (SELECT id FROM scopes
        WHERE resource_id = 'management-api' AND name = 'all (moving)');
DELETE FROM scopes WHERE resource_id = 'management-api' AND name = 'all (moving)';
