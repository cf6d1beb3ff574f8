-- Marketing metrics of the catalog in mart_kpis' long format (none built yet: no rows).
select
    cast(null as date) as month,
    cast(null as varchar) as metric_id,
    cast(null as varchar) as dimension,
    cast(null as varchar) as dimension_value,
    cast(null as double) as value
where 1 = 0
