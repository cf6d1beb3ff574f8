-- CRM users who own deals and log activities.
with

source as (
    {{ source_columns('hubspot', 'owners', {
        'id': 'varchar',
        'first_name': 'varchar',
        'last_name': 'varchar',
        'email': 'varchar',
        'user_id': 'varchar',
        'archived': 'boolean',
        'updated_at': 'varchar',
    }) }}
),

ranked as (
    select
        *,
        {{ latest_first('id', 'updated_at') }} as version_rank
    from source
),

renamed as (
    select
        id as owner_id,
        user_id,
        first_name,
        last_name,
        trim({{ dbt.concat(["coalesce(first_name, '')", "' '", "coalesce(last_name, '')"]) }}) as owner_name,
        {{ normalise_email('email') }} as email,
        coalesce(archived, false) as is_archived
    from ranked
    where version_rank = 1
)

select * from renamed
