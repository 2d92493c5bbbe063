import type { ConnectionReport } from '@/utils/endpoint/connection-test';
import { t } from '@/utils/i18n';

export function ConnectionReportView({ report }: { report: ConnectionReport | 'testing' | undefined }) {
  if (!report) return null;
  if (report === 'testing') return <p class="connection-report" role="status">{t('connectionTesting')}</p>;
  return (
    <div class={`connection-report ${report.ok ? 'ok' : 'failed'}`} role="status" aria-label={t('connectionResult')}>
      <p class="connection-verdict">{report.ok ? t('connectionWorks') : t('connectionFailed')}</p>
      <ul>
        {report.findings.map((finding) => (
          <li key={finding}>{finding}</li>
        ))}
      </ul>
    </div>
  );
}
