/** A titled two-column table; used for tags, code version and similar facts. */
export function KeyValueTable({ title, rows, empty, testId }: { title: string; rows: Array<{ key: string; value: string; note?: string }>; empty: string; testId?: string }) {
  return (
    <section className="panel" data-testid={testId}>
      <h2>{title}</h2>
      {rows.length === 0 ? <p className="subtle">{empty}</p> : (
        <table>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.key}\u0000${r.note ?? ''}`}>
                <td className="mono">{r.key}</td>
                <td className="mono">{r.value}</td>
                {r.note !== undefined ? <td className="subtle">{r.note}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
