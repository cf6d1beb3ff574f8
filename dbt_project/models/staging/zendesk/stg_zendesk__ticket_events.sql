-- Each child event of the ticket audit log (status changes, comments), with its audit's time.
-- The export repeats boundary records, so an event id is kept once.
with

audits as (
    {{ source_columns('zendesk', 'ticket_events', {
        'id': 'bigint',
        'ticket_id': 'bigint',
        'timestamp': 'bigint',
        'created_at': 'timestamp with time zone',
        'updater_id': 'bigint',
        'event_type': 'varchar',
    }) }}
),

child_events as (
    {{ source_columns('zendesk', 'ticket_child_events', {
        'id': 'bigint',
        'event_type': 'varchar',
        'field_name': 'varchar',
        'value': 'varchar',
        'previous_value': 'varchar',
        'public': 'boolean',
        'author_id': 'bigint',
    }, child=true) }}
),

joined as (
    select
        child_events.id as event_id,
        audits.id as audit_id,
        audits.ticket_id,
        audits.event_type as audit_type,
        child_events.event_type,
        child_events.field_name,
        child_events.value,
        child_events.previous_value,
        child_events.public as is_public,
        coalesce(child_events.author_id, audits.updater_id) as actor_id,
        coalesce({{ to_utc_timestamp('audits.created_at') }}, {{ from_unix_seconds('audits.timestamp') }}) as occurred_at,
        audits._dlt_load_id as source_load_id,
        row_number() over (
            partition by child_events.id order by cast(audits._dlt_load_id as {{ type_double() }}) desc, child_events._dlt_id
        ) as version_rank
    from child_events
    inner join audits on child_events._dlt_parent_id = audits._dlt_id
),

renamed as (
    select
        event_id,
        audit_id,
        ticket_id,
        audit_type,
        event_type,
        field_name,
        value,
        previous_value,
        coalesce(is_public, false) as is_public,
        actor_id,
        occurred_at,
        source_load_id
    from joined
    where version_rank = 1
)

select * from renamed
