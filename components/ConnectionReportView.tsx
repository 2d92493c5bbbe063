import type { ConnectionReport } from '@/utils/connection-test';

export function ConnectionReportView({ report }: { report: ConnectionReport | 'testing' | undefined }) {
  if (!report) return null;
  if (report === 'testing') return <p class="connection-report" role="status">Testing…</p>;
  return (
    <div class={`connection-report ${report.ok ? 'ok' : 'failed'}`} role="status" aria-label="Connection test result">
      <p class="connection-verdict">{report.ok ? 'Connection works.' : 'Connection failed.'}</p>
      <ul>
        {report.findings.map((finding) => (
          <li key={finding}>{finding}</li>
        ))}
      </ul>
    </div>
  );
}
