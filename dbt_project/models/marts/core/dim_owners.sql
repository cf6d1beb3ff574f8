-- CRM users who own deals and log activities (staff, not customers: their names are kept).
select
    owner_id,
    user_id,
    owner_name,
    is_archived
from {{ ref('stg_hubspot__owners') }}
