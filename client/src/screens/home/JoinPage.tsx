import { useI18n } from '../../i18n/i18n.tsx';
import { LanguageSwitch } from '../../ui/LanguageSwitch.tsx';
import { JoinForm } from './JoinForm.tsx';

export default function JoinPage({ code }: { code: string }) {
  const { t } = useI18n();
  return (
    <div className="page home">
      <header className="topbar">
        <a className="brand" href="/">
          Arsenal
        </a>
        <span className="spacer" />
        <LanguageSwitch />
      </header>
      <main id="main" className="narrow">
        <section className="panel">
          <h1>{t('join.title')}</h1>
          <p>{t('join.intro')}</p>
          <JoinForm initialCode={code} />
        </section>
      </main>
    </div>
  );
}
