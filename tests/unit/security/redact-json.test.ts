import { describe, expect, it } from 'vitest';
import { redactJson } from '@/lib/security/redact-json';
import { isSecretName } from '@/lib/security/secret-names';
import { redactSecrets } from '@/lib/security/redact';

// Facets as the OpenLineage Spark and Airflow integrations write them, each carrying a sentinel secret.
const sparkProperties = {
  _producer: 'https://github.com/OpenLineage/OpenLineage/tree/1.23.0/integration/spark',
  _schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunFacet',
  properties: {
    'spark.master': 'local[*]',
    'spark.app.name': 'groot-dedup',
    'spark.hadoop.fs.s3a.secret.key': 'sentinel-s3a-secret-91f2',
    'spark.hadoop.fs.s3a.access.key': 'AKIASENTINEL0ACCESS',
    'fs.azure.account.key.groot.blob.core.windows.net': 'sentinel-azure-account-key-0c1d',
    'spark.sql.catalog.jdbc.url': 'jdbc:postgresql://db:5432/groot?user=etl&password=sentinel-jdbc-query-password-4d11',
    'spark.datasource.url': 'postgresql://etl:sentinel-url-password-8a31@db:5432/groot',
  },
};
const environmentVariables = {
  environmentVariables: [
    { name: 'AWS_SECRET_ACCESS_KEY', value: 'sentinel-aws-secret-7f3a' },
    { name: 'STRIPE_KEY', value: 'sentinel-stripe-key-2b90' },
    { name: 'HF_TOKEN', value: 'sentinel-hf-token-55e0' },
    { name: 'DB_PASSWORD', value: 'sentinel-db-password-e61c' },
    { name: 'HOSTNAME', value: 'worker-7' },
    { name: 'PWD', value: '/opt/groot' },
    { name: 'TOKENIZERS_PARALLELISM', value: 'false' },
  ],
};
const airflow = {
  dag: { dag_id: 'groot', owner: 'data', tags: ['etl'] },
  task: { task_id: 'dedup', postgres_conn_id: 'groot_warehouse', aws_conn_id: 'aws_default', operator_class: 'SQLExecuteQueryOperator' },
  dagRun: { conf: { api_key: 'sentinel-airflow-conf-key-d0a4', threshold: 0.92 } },
};
const sentinels = /sentinel-|AKIASENTINEL/;

describe('redactJson: one rule for upstream JSON', () => {
  const facets = redactJson({ spark_properties: sparkProperties, environmentVariables, airflow });
  const text = JSON.stringify(facets);

  it('leaves no sentinel secret in Spark, environment or Airflow facets', () => {
    expect(text).not.toMatch(sentinels);
  });

  it('keeps each secret key and shows [redacted] as its value', () => {
    expect(facets.spark_properties.properties['spark.hadoop.fs.s3a.secret.key']).toBe('[redacted]');
    expect(facets.spark_properties.properties['spark.hadoop.fs.s3a.access.key']).toBe('[redacted]');
    expect(facets.spark_properties.properties['fs.azure.account.key.groot.blob.core.windows.net']).toBe('[redacted]');
    expect(facets.environmentVariables.environmentVariables.find((v) => v.name === 'AWS_SECRET_ACCESS_KEY')?.value).toBe('[redacted]');
    expect(facets.airflow.dagRun.conf.api_key).toBe('[redacted]');
  });

  it('keeps a URL and its user but not its password; a JDBC query password goes too', () => {
    expect(facets.spark_properties.properties['spark.datasource.url']).toBe('postgresql://etl:[redacted]@db:5432/groot');
    expect(facets.spark_properties.properties['spark.sql.catalog.jdbc.url']).toBe('jdbc:postgresql://db:5432/groot?user=etl&password=[redacted]');
  });

  it('keeps what is not secret: hosts, the working directory, connection ids, numbers, tokenizer settings', () => {
    expect(facets.spark_properties.properties['spark.master']).toBe('local[*]');
    const env = Object.fromEntries(facets.environmentVariables.environmentVariables.map((v) => [v.name, v.value]));
    expect(env).toMatchObject({ HOSTNAME: 'worker-7', PWD: '/opt/groot', TOKENIZERS_PARALLELISM: 'false' });
    expect(facets.airflow.task).toEqual(airflow.task);
    expect(facets.airflow.dagRun.conf.threshold).toBe(0.92);
  });

  it('walks an object under a secret-looking name instead of blanking it (a column named password)', () => {
    const columnLineage = { fields: { password: { inputFields: [{ namespace: 'pg', name: 'users', field: 'password' }] } } };
    expect(redactJson(columnLineage)).toEqual(columnLineage);
    expect(redactJson({ credentials: { user: 'etl', password: 'sentinel-nested-password-aa01' } })).toEqual({ credentials: { user: 'etl', password: '[redacted]' } });
    expect(redactJson({ tokens: 5, secrets: ['sentinel-a-1234', 'sentinel-b-5678'], password: true })).toEqual({ tokens: 5, secrets: ['[redacted]', '[redacted]'], password: true });
  });

  it('returns the same object when nothing is secret (no copy of a large clean facet)', () => {
    const clean = { schema: { fields: [{ name: 'id', type: 'long' }, { name: 'max_tokens', type: 'int' }] } };
    expect(redactJson(clean)).toBe(clean);
    expect(redactJson(sparkProperties)).not.toBe(sparkProperties);
  });

  it('redacts configured secrets in any string too, when given them', () => {
    expect(redactJson({ note: 'key is sentinel-configured-0001 here' }, ['sentinel-configured-0001'])).toEqual({ note: 'key is [redacted] here' });
  });

  it('keeps a key named __proto__ a plain key', () => {
    const parsed = JSON.parse('{"__proto__": {"password": "sentinel-proto-password-1"}}') as Record<string, unknown>;
    const out = redactJson(parsed);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"password":"[redacted]"}}');
  });
});

describe('isSecretName', () => {
  it.each([
    'password', 'AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SESSION_TOKEN', 'GITHUB_TOKEN', 'hf_token', 'token', 'accessToken',
    'api_key', 'apiKey', 'x-api-key', 'OPENAI_KEY', 'private_key', 'spark.hadoop.fs.s3a.secret.key', 'spark.ssl.keyStorePassword',
    'javax.jdo.option.ConnectionPassword', 'Authorization', 'client_secret', 'GOOGLE_APPLICATION_CREDENTIALS', 'authtoken',
  ])('%s holds a secret', (name) => expect(isSecretName(name)).toBe(true));

  it.each([
    'PWD', 'OLDPWD', 'HOSTNAME', 'max_tokens', 'total_tokens', 'pad_token', 'eos_token', 'pad_token_id', 'token_count', 'TOKENIZERS_PARALLELISM',
    'tokenizer', 'primary_key', 'partition_key', 'sort_key', 'postgres_conn_id', 'aws_conn_id', 'apiVersion', 'spark.master', 'keyStore',
  ])('%s does not', (name) => expect(isSecretName(name)).toBe(false));
});

describe('redactSecrets (upstream text)', () => {
  it('keeps the user of a URL and drops its password; a lone token in the user part goes whole', () => {
    expect(redactSecrets('redis://default:sentinel-redis-1@cache:6379/0', [])).toBe('redis://default:[redacted]@cache:6379/0');
    expect(redactSecrets('https://ghp_sentinel0123@github.com/org/repo.git', [])).toBe('https://[redacted]@github.com/org/repo.git');
  });

  it('changes nothing when applied twice (facets are redacted as parsed and again on the way out)', () => {
    const texts = [
      'jdbc:postgresql://db/groot?user=etl&password=sentinel-1', 'postgresql://etl:sentinel-2@db/groot', 'Authorization: Bearer sentinel-token-3',
      "CREATE USER r WITH PASSWORD 'sentinel-4'", 'AccountKey=sentinel5==;', '{"api_key": "sentinel-6"}', 'AUTH default sentinel-7',
    ];
    for (const text of texts) {
      const once = redactSecrets(text, ['sentinel-configured']);
      expect(once).not.toMatch(/sentinel/);
      expect(redactSecrets(once, ['sentinel-configured'])).toBe(once);
    }
  });

  it('redacts quoted SQL passwords', () => {
    expect(redactSecrets("CREATE USER etl WITH PASSWORD 'sentinel-sql-1' LOGIN; ALTER USER a IDENTIFIED BY \"sentinel-sql-2\";", []))
      .toBe("CREATE USER etl WITH PASSWORD '[redacted]' LOGIN; ALTER USER a IDENTIFIED BY \"[redacted]\";");
  });

  it('redacts Azure connection string keys', () => {
    expect(redactSecrets('DefaultEndpointsProtocol=https;AccountName=groot;AccountKey=sentinelAzure0==;EndpointSuffix=core.windows.net', []))
      .toBe('DefaultEndpointsProtocol=https;AccountName=groot;AccountKey=[redacted];EndpointSuffix=core.windows.net');
  });

  it('redacts the credential of a signed or keyed URL (S3/GCS presigned, Azure SAS, ?key=), keeping the rest of the query', () => {
    expect(redactSecrets('https://b.s3.amazonaws.com/m?X-Amz-Date=20261207&X-Amz-Signature=sentinel1&X-Amz-Expires=60', []))
      .toBe('https://b.s3.amazonaws.com/m?X-Amz-Date=20261207&X-Amz-Signature=[redacted]&X-Amz-Expires=60');
    expect(redactSecrets('https://a.blob.core.windows.net/c/m?sv=2022-11-02&sig=sentinel2%3D', [])).toBe('https://a.blob.core.windows.net/c/m?sv=2022-11-02&sig=[redacted]');
    expect(redactSecrets('https://storage.googleapis.com/b/m?X-Goog-Signature=sentinel3&key=sentinel4', [])).toBe('https://storage.googleapis.com/b/m?X-Goog-Signature=[redacted]&key=[redacted]');
    expect(redactSecrets('a design signal, a monkey key', [])).toBe('a design signal, a monkey key');
  });
});

describe('experiment params and tags, under the same rule', () => {
  it('MLflow params/tags from the wire: a secret-named value and a URL password are [redacted]', async () => {
    const { keyValuesSchema } = await import('@/lib/sources/mlflow/schemas/common');
    expect(keyValuesSchema.parse([
      { key: 'db_password', value: 'sentinel-param-password-1' },
      { key: 'learning_rate', value: '0.001' },
      { key: 'mlflow.source.git.repoURL', value: 'https://ci:sentinel-git-2@github.com/groot/etl.git' },
    ])).toEqual([
      { key: 'db_password', value: '[redacted]' },
      { key: 'learning_rate', value: '0.001' },
      { key: 'mlflow.source.git.repoURL', value: 'https://ci:[redacted]@github.com/groot/etl.git' },
    ]);
  });

  it('W&B config, flattened to params first so a nested password is one name', async () => {
    const { mapConfig } = await import('@/lib/sources/wandb/map-run');
    expect(redactJson(mapConfig({ db: { value: { host: 'db', password: 'sentinel-wandb-config-3' } }, lr: { value: 0.1 } }))).toEqual({ 'db.host': 'db', 'db.password': '[redacted]', lr: '0.1' });
  });
});
