'use client';

/** Opens the browser's print dialog (print CSS lays the report out for paper or PDF). */
export function PrintButton() {
  return <button type="button" onClick={() => window.print()} data-testid="audit-print">Print / save as PDF</button>;
}
