// The header's Share menu: copy the link (every setting), save and load models, export to Keras,
// PyTorch, a .keras archive and a TensorFlow.js layers-model;
// and the notice under the intro that says what a link or a loaded model could not carry.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../components/fields';
import { messageOf } from '../state/app';
import { SETTINGS } from '../settings';
import { ShareIcon, type ShareIconName } from './icons';
import { KerasDialog } from './KerasDialog';
import { LessonDialog } from './LessonDialog';
import { isModelFileName, LoadModelDialog, readFiles, type PickedFiles } from './LoadModelDialog';
import { copyText, download, useShare } from './share';
import { URL_DATA_MAX_ROWS } from './url-state';
import { formatCount, say, t, type Message } from '../i18n';
import { optionLabel } from '../i18n/settings-text';
import './share.css';

export const MODEL_FILE = 'neurostep-model.json';

export function ShareMenu() {
  const share = useShare();
  const app = useApp();
  const [open, setOpen] = useState(false);
  const [dialog, setDialog] = useState<'keras' | 'pytorch' | 'load' | 'lesson' | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<Message | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const [dropped, setDropped] = useState<PickedFiles>([]);
  const ready = app.status.value.kind === 'ready';
  const omitted = share.link.value.omittedRows;

  // Model files dropped anywhere on the page open Load model with them (other drops are left alone).
  useEffect(() => {
    const modelFiles = (e: DragEvent) => [...(e.dataTransfer?.files ?? [])].filter((f) => isModelFileName(f.name));
    const over = (e: DragEvent) => {
      if ([...(e.dataTransfer?.items ?? [])].some((i) => i.kind === 'file')) e.preventDefault();
    };
    const drop = async (e: DragEvent) => {
      if (e.defaultPrevented || !ready) return;
      const files = modelFiles(e);
      if (files.length === 0) return;
      e.preventDefault();
      setDropped(await readFiles(files));
      setOpen(false);
      setDialog('load');
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [ready]);

  // Closes on a click elsewhere and on Escape.
  useEffect(() => {
    if (!open) return;
    const away = (e: Event) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const escape = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('keydown', escape);
    };
  }, [open]);

  const act = (action: () => Promise<void> | void) => async () => {
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(messageOf(err));
    }
  };
  const copyLink = act(async () => {
    setCopied(await copyText(share.href()));
    setTimeout(() => setCopied(false), 2000);
  });
  const saveModel = act(async () => {
    download(MODEL_FILE, await share.modelFile(), 'application/json');
    setOpen(false);
  });
  const exportFiles = (format: 'keras' | 'tfjs') =>
    act(async () => {
      const { files } = await share.exportModelFiles(format);
      for (const f of files) download(f.name, f.bytes, f.type);
      setOpen(false);
    });
  const openDialog = (which: 'keras' | 'pytorch' | 'load' | 'lesson') => () => {
    setOpen(false);
    setDialog(which);
  };

  return (
    <div class="share" ref={box}>
      <button class="btn share__toggle" aria-label={t('share.toggle')} aria-expanded={open} aria-controls="share-menu" onClick={() => setOpen(!open)} disabled={!ready} data-testid="share-toggle">
        <ShareIcon name="share" />
        <span class="share__label">{t('share.toggle')}</span>
        <ShareIcon name="chevron" size={16} />
      </button>
      {open && (
        <div class="share__menu" id="share-menu" role="group" aria-label={t('share.menu')}>
          <Item icon={copied ? 'check' : 'link'} title={copied ? t('share.linkCopied') : t('share.copyLink')} detail={t('share.copyLinkDetail')} onClick={copyLink} testid="copy-link" />
          {omitted !== null && (
            <p class="share__note" data-testid="link-data-note">
              {t('share.dataTooLarge', { rows: formatCount(omitted), max: URL_DATA_MAX_ROWS, dataset: optionLabel('dataset', SETTINGS.dataset.default) })}
            </p>
          )}
          <Item icon="link" title={t('share.buildLesson')} detail={t('share.buildLessonDetail')} onClick={openDialog('lesson')} testid="share-lesson" />
          <hr />
          <Item icon="save" title={t('share.saveModel')} detail={t('share.saveModelDetail', { file: MODEL_FILE })} onClick={saveModel} testid="save-model" />
          <Item icon="open" title={t('share.loadModel')} detail={t('share.loadModelDetail')} onClick={openDialog('load')} testid="load-model" />
          <hr />
          <Item icon="code" title={t('share.exportKeras')} detail={t('share.exportKerasDetail')} onClick={openDialog('keras')} testid="export-keras" />
          <Item icon="code" title={t('share.exportPyTorch')} detail={t('share.exportPyTorchDetail')} onClick={openDialog('pytorch')} testid="export-pytorch" />
          <Item icon="save" title={t('share.downloadKeras')} detail={t('share.downloadKerasDetail')} onClick={exportFiles('keras')} testid="download-keras-archive" />
          <Item icon="save" title={t('share.downloadTfjs')} detail={t('share.downloadTfjsDetail')} onClick={exportFiles('tfjs')} testid="download-tfjs" />
          {error && (
            <p class="field__error" role="alert">
              {say(error)}
            </p>
          )}
        </div>
      )}
      {dialog === 'keras' && <KerasDialog onClose={() => setDialog(null)} />}
      {dialog === 'pytorch' && <KerasDialog framework="pytorch" onClose={() => setDialog(null)} />}
      {dialog === 'load' && (
        <LoadModelDialog
          dropped={dropped}
          onClose={() => {
            setDialog(null);
            setDropped([]);
          }}
        />
      )}
      {dialog === 'lesson' && <LessonDialog onClose={() => setDialog(null)} />}
    </div>
  );
}

function Item(props: { icon: ShareIconName; title: string; detail: string; onClick: () => void; testid: string }) {
  return (
    <button class="share__item" onClick={props.onClick} data-testid={props.testid}>
      <ShareIcon name={props.icon} size={20} />
      <span>
        <strong>{props.title}</strong>
        <small>{props.detail}</small>
      </span>
    </button>
  );
}

/** The notice under the intro: what a link could not carry, or what a loaded model brought. */
export function ShareNotice() {
  const share = useShare();
  const notice = share.notice.value;
  if (!notice) return null;
  return (
    <div class={`alert alert--${notice.tone === 'warn' ? 'warn' : 'info'} share-notice`} role="status" data-testid={notice.testid}>
      <ShareIcon name={notice.tone === 'warn' ? 'warning' : 'info'} size={18} />
      <div class="share-notice__text">
        <p class="share-notice__title">{say(notice.title)}</p>
        {notice.items.length > 0 && (
          <ul>
            {notice.items.map((item, i) => (
              <li key={i}>{say(item)}</li>
            ))}
          </ul>
        )}
      </div>
      <button class="share-notice__close" aria-label={t('share.dismiss')} title={t('share.dismiss')} onClick={() => (share.notice.value = null)} data-testid="notice-dismiss">
        <ShareIcon name="close" size={18} />
      </button>
    </div>
  );
}
