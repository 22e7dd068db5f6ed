/**
 * Sentinel secrets inside facets of the shapes real integrations write: the Spark integration's
 * `spark_properties` and `environment-properties` run facets and its `spark.logicalPlan` (here over 64 KB, so
 * pages cut it and link its download), the standard `environmentVariables`, Airflow's `airflow` facet (its
 * connection ids are not secret), a job's `sql` and `sourceCodeLocation`, and a dataset's `dataSource`.
 */
export const facetSecrets = {
  s3aSecretKey: 'sentinel-s3a-secret-91f2',
  s3aAccessKey: 'AKIASENTINEL0ACCESS07',
  jdbcPassword: 'sentinel-jdbc-password-4d11',
  databricksToken: 'sentinel-databricks-token-0b7e',
  awsSecretEnv: 'sentinel-aws-env-secret-7f3a',
  airflowConfKey: 'sentinel-airflow-conf-key-d0a4',
  planPassword: 'sentinel-plan-password-c3f9',
  gitToken: 'sentinel-git-token-2a6b',
  sqlPassword: 'sentinel-sql-password-5c21',
  dataSourcePassword: 'sentinel-datasource-pw-8e10',
};

type Json = Record<string, unknown>;
const producer = 'https://github.com/OpenLineage/OpenLineage/tree/1.23.0/integration/spark';
const runFacet = (name: string) => ({ _producer: producer, _schemaURL: `https://openlineage.io/spec/facets/1-0-0/${name}.json#/$defs/${name}` });

function runFacets(): Json {
  const s = facetSecrets;
  return {
    spark_properties: {
      ...runFacet('SparkPropertiesFacet'),
      properties: {
        'spark.master': 'local[*]',
        'spark.app.name': 'groot-dedup',
        'spark.hadoop.fs.s3a.secret.key': s.s3aSecretKey,
        'spark.hadoop.fs.s3a.access.key': s.s3aAccessKey,
        'spark.sql.catalog.warehouse.url': `jdbc:postgresql://db:5432/groot?user=etl&password=${s.jdbcPassword}`,
      },
    },
    'environment-properties': {
      ...runFacet('EnvironmentPropertiesFacet'),
      'environment-properties': { 'spark.databricks.clusterUsageTags.clusterName': 'groot-etl', user: 'etl@example.com', DATABRICKS_TOKEN: s.databricksToken },
    },
    environmentVariables: {
      ...runFacet('EnvironmentVariablesRunFacet'),
      environmentVariables: [{ name: 'HOSTNAME', value: 'worker-7' }, { name: 'AWS_SECRET_ACCESS_KEY', value: s.awsSecretEnv }],
    },
    airflow: {
      ...runFacet('AirflowRunFacet'),
      dag: { dag_id: 'groot_data_etl', owner: 'data' },
      task: { task_id: 'deduplication', postgres_conn_id: 'groot_warehouse', operator_class: 'SQLExecuteQueryOperator' },
      dagRun: { conf: { threshold: 0.95, api_key: s.airflowConfKey } },
    },
    'spark.logicalPlan': {
      ...runFacet('LogicalPlanFacet'),
      plan: [
        { class: 'org.apache.spark.sql.execution.datasources.jdbc.JDBCRelation', options: { url: 'jdbc:postgresql://db:5432/groot', user: 'etl', password: s.planPassword } },
        // Filler the size of a real plan: the facet passes the pages' 64 KB preview.
        ...Array.from({ length: 900 }, (_, i) => ({ class: 'org.apache.spark.sql.catalyst.plans.logical.Project', 'num-children': 1, projectList: [`col_${i}`] })),
      ],
    },
  };
}

/** The groot events with the sentinel facets added to one run's events, its job and its output dataset. */
export function withSecretFacets(events: unknown[], runId: string): unknown[] {
  const s = facetSecrets;
  return events.map((raw) => {
    const event = structuredClone(raw) as { run?: { runId?: string; facets?: Json }; job?: { facets?: Json }; outputs?: Array<{ facets?: Json }> };
    if (event.run?.runId !== runId) return event;
    event.run.facets = { ...event.run.facets, ...runFacets() };
    event.job = {
      ...event.job,
      facets: {
        ...event.job?.facets,
        sourceCodeLocation: { ...runFacet('SourceCodeLocationJobFacet'), type: 'git', url: `https://ci-bot:${s.gitToken}@github.com/groot/etl.git`, repoUrl: `https://ci-bot:${s.gitToken}@github.com/groot/etl.git`, path: 'dags/dedup.py', version: 'abc123' },
        sql: { ...runFacet('SQLJobFacet'), query: `CREATE USER reader WITH PASSWORD '${s.sqlPassword}';\nSELECT * FROM staging.loaded` },
      },
    };
    event.outputs = (event.outputs ?? []).map((d) => ({
      ...d,
      facets: { ...d.facets, dataSource: { ...runFacet('DatasourceDatasetFacet'), name: 'warehouse', ...(d.facets?.dataSource as Json | undefined), uri: `postgresql://etl:${s.dataSourcePassword}@db:5432/groot` } },
    }));
    return event;
  });
}
