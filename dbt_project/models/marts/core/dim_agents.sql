-- Support desk agents and admins (staff, not customers: their names are kept).
select
    user_id as agent_id,
    user_name as agent_name,
    role,
    is_active
from {{ ref('stg_zendesk__users') }}
where is_agent
