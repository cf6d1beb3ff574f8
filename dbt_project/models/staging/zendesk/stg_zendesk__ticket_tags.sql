-- The tags of each ticket's latest landed version.
with

tickets as (
    {{ source_columns('zendesk', 'tickets', {'id': 'bigint', 'updated_at': 'varchar'}) }}
),

tags as (
    {{ source_columns('zendesk', 'ticket_tags', {'value': 'varchar'}, child=true) }}
),

latest_tickets as (
    select
        *,
        {{ latest_first('id', 'updated_at') }} as version_rank
    from tickets
),

renamed as (
    select distinct
        latest_tickets.id as ticket_id,
        lower(trim(tags.value)) as tag
    from tags
    inner join latest_tickets on tags._dlt_parent_id = latest_tickets._dlt_id
    where latest_tickets.version_rank = 1
)

select * from renamed
