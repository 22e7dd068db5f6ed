import { expect, test } from '@playwright/test';
import { demoRun, manifest } from './demo-manifest';

const execution = (id: string) => manifest.executions.find((e) => e.id === id)!;
const olId = (label: string) => demoRun(label).openlineage!.runId;

test('comparing the e1 and e2 pipelines shows the changed raw version, the threshold and the stage pairs', async ({ page }) => {
  const [e1, e2] = [execution('e1'), execution('e2')];
  await page.goto(`/compare?runs=${olId('e1.pipeline')},${olId('e2.pipeline')}`);
  await expect(page.getByTestId('compared-run')).toHaveCount(2);

  const explanation = page.getByTestId('upstream-explanation');
  await expect(explanation.getByTestId('explanation-headline')).toContainText('dedup_rate rose from 0.118 to 0.163');
  await expect(explanation.getByTestId('cause').filter({ hasText: 'groot-data-etl.deduplication ran with' }))
    .toContainText(`threshold ${e2.similarityThreshold} instead of ${e1.similarityThreshold}`);
  await expect(explanation.getByTestId('cause').filter({ hasText: 'raw input' }))
    .toContainText(`s3://bucket/groot/raw/multimodal (${e2.rawVersion} instead of ${e1.rawVersion})`);

  const stages = page.getByTestId('stage-pair');
  await expect(stages).toHaveCount(4);
  const dedup = stages.filter({ hasText: 'groot-data-etl.deduplication' });
  await expect(dedup.getByTestId('stage-change').filter({ hasText: /^threshold/ })).toHaveText(`threshold ${e1.similarityThreshold} → ${e2.similarityThreshold}`);
  const loading = stages.filter({ hasText: 'groot-data-etl.data-loading' });
  await expect(loading.getByTestId('stage-change').filter({ hasText: 'raw/multimodal' })).toHaveText(`read s3://bucket/groot/raw/multimodal ${e1.rawVersion} → ${e2.rawVersion}`);
  await page.screenshot({ path: test.info().outputPath('compare-pipelines.png'), fullPage: true });
});

test('comparing the tokenization runs: inputs marked changed, differences only by default, histories overlaid', async ({ page }) => {
  const [before, after] = ['e1', 'e2'].map((e) => execution(e).stages.find((s) => s.stage === 'tokenization')!.input!);
  // Either id works: the MLflow run id of e2's tokenization.
  await page.goto(`/compare?runs=${olId('e1.tokenization')},${demoRun('e2.tokenization').mlflow!.runId}`);
  const input = page.getByTestId('input-diff').getByTestId('dataset-diff-row');
  await expect(input).toHaveAttribute('data-status', 'changed-version');
  await expect(input.getByTestId('dataset-diff-version')).toHaveText([before!.version, after!.version]);

  // The walk reaches the deduplication runs and the raw data through the upstream lineage.
  await page.getByText('The walk up the lineage').click();
  const dedupParam = page.getByTestId('upstream-param').filter({ hasText: /^param threshold/ });
  await expect(dedupParam).toHaveText(`param threshold: ${execution('e1').similarityThreshold} → ${execution('e2').similarityThreshold}`);

  const params = page.getByTestId('param-diff-row');
  await expect(params.filter({ hasText: 'similarity_threshold' })).toHaveAttribute('data-status', 'changed');
  await expect(params.filter({ hasText: 'tokenizer' })).toHaveCount(0);
  await page.getByTestId('params-toggle').click();
  await expect(page).toHaveURL(/[?&]all=1/);
  await expect(page.getByTestId('param-diff-row').filter({ hasText: 'tokenizer' })).toHaveAttribute('data-status', 'same');

  await expect(page.getByTestId('metric-diff-row').filter({ hasText: 'total_tokens' }).getByTestId('metric-delta')).toBeVisible();
  const chart = page.getByTestId('overlaid-chart').first();
  await expect(chart.locator('path.recharts-line-curve')).toHaveCount(2);
  await page.screenshot({ path: test.info().outputPath('compare-tokenization.png'), fullPage: true });
});

test('the overlaid histories switch to time since each run\'s first point; other choices keep it', async ({ page }) => {
  await page.goto(`/compare?runs=${olId('e1.tokenization')},${olId('e2.tokenization')}`);
  const chart = page.getByTestId('overlaid-chart').first();
  await expect(chart).toHaveAttribute('data-axis', 'step');
  await page.getByTestId('axis-time').click();
  await expect(page).toHaveURL(/[?&]x=time/);
  await expect(page.getByTestId('overlaid-chart').first()).toHaveAttribute('data-axis', 'time');
  await expect(page.getByTestId('overlaid-chart').first().locator('path.recharts-line-curve')).toHaveCount(2);
  // The metric choices and the params toggle are links of the same view: they keep the axis.
  await expect(page.getByTestId('chart-choices').getByRole('link').first()).toHaveAttribute('href', /[?&]x=time/);
  await expect(page.getByTestId('params-toggle')).toHaveAttribute('href', /[?&]x=time/);
});

test('an unknown id is named and the rest still compare; seven ids get a clear message', async ({ page, request }) => {
  await page.goto(`/compare?runs=${olId('e1.filtering')},no-such-run,${olId('e2.filtering')}`);
  await expect(page.getByTestId('compare-missing')).toContainText('no-such-run');
  await expect(page.getByTestId('compared-run')).toHaveCount(2);

  // A plain form (no JavaScript) submits repeated runs= parameters: the page answers with the comma permalink.
  await page.goto(`/compare?runs=${olId('e1.filtering')}&runs=${olId('e2.filtering')}`);
  await expect(page).toHaveURL(`/compare?runs=${olId('e1.filtering')},${olId('e2.filtering')}`);

  await page.goto(`/compare?runs=${['a', 'b', 'c', 'd', 'e', 'f', 'g'].join(',')}`);
  await expect(page.getByTestId('compare-error')).toHaveText('7 runs given: at most 6 runs can be compared at once.');

  const tooMany = await request.get('/api/compare?runs=a,b,c,d,e,f,g');
  expect(tooMany.status()).toBe(400);
  const unknown = await request.get(`/api/compare?runs=${olId('e1.filtering')},no-such-run`);
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).error).toContain('no-such-run');
});

test('GET /api/compare gives the comparison in the documented shape', async ({ request }) => {
  const body = await (await request.get(`/api/compare?runs=${olId('e1.deduplication')},${olId('e2.deduplication')}`)).json();
  expect(body.runs.map((r: { id: string }) => r.id)).toEqual([olId('e1.deduplication'), olId('e2.deduplication')]);
  expect(body.params).toContainEqual({ key: 'threshold', values: ['0.95', '0.92'], status: 'changed', sidesDisagree: [] });
  expect(body.pairs[0].upstream.root.inputs[0].producerDiff.inputs[0]).toMatchObject({ versions: [execution('e1').rawVersion, execution('e2').rawVersion], end: 'raw-input' });
});

test('runs list: tick two runs, press Compare', async ({ page }) => {
  await page.goto('/?limit=100');
  const button = page.getByTestId('compare-button');
  await expect(button).toBeDisabled();
  // The stages fold under their pipeline executions: open both, then tick a stage of each.
  for (const label of ['e1.pipeline', 'e2.pipeline']) await page.getByTestId('run-row').filter({ hasText: olId(label) }).getByTestId('stages-toggle').click();
  for (const label of ['e1.deduplication', 'e2.deduplication']) {
    await page.getByTestId('run-row').filter({ hasText: olId(label) }).getByTestId('compare-select').check();
  }
  await button.click();
  await expect(page).toHaveURL(`/compare?runs=${olId('e1.deduplication')},${olId('e2.deduplication')}`);
  await expect(page.getByTestId('param-diff-row').filter({ hasText: /^threshold/ })).toHaveAttribute('data-status', 'changed');
});

test('job page: compare with previous run; dataset page: compare the writers of two versions', async ({ page }) => {
  await page.goto(`/jobs/groot-data-etl/${encodeURIComponent('groot-data-etl.deduplication')}`);
  await page.getByTestId('job-run-row').nth(1).getByTestId('compare-previous').click();
  await expect(page).toHaveURL(`/compare?runs=${olId('e1.deduplication')},${olId('e2.deduplication')}`);
  await expect(page.getByTestId('compared-run')).toHaveCount(2);

  await page.goto(`/datasets/${encodeURIComponent('s3://bucket')}/${encodeURIComponent('groot/staging/loaded')}`);
  await page.getByLabel('Version A (baseline)').selectOption({ label: demoRun('e1.data-loading').output!.version });
  await page.getByLabel('Version B').selectOption({ label: demoRun('e2.data-loading').output!.version });
  await page.getByTestId('compare-writers').click();
  await expect(page).toHaveURL(`/compare?runs=${olId('e1.data-loading')},${olId('e2.data-loading')}`);
  await expect(page.getByTestId('input-diff').getByTestId('dataset-diff-row')).toHaveAttribute('data-status', 'changed-version');
});

test('the run page links to a comparison with the job\'s previous run', async ({ page }) => {
  await page.goto(`/runs/${olId('e2.deduplication')}`);
  await page.getByTestId('compare-previous-link').click();
  await expect(page).toHaveURL(new RegExp(`/compare\\?runs=${olId('e1.deduplication')},${olId('e2.deduplication')}`));
  await expect(page.getByTestId('compared-run')).toHaveCount(2);
});
