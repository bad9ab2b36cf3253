// A modal dialog (the browser's <dialog>): a title bar with a close button, a body, a footer of
// actions. Escape, the close button and a click on the backdrop close it; keys typed inside do
// not reach the page's shortcuts (space plays, the right arrow steps).
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { ShareIcon } from './icons';
import { t } from '../i18n';

export function Dialog(props: { title: string; onClose: () => void; children: ComponentChildren; footer?: ComponentChildren; testid: string; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current!;
    dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      class={`share-dialog${props.wide ? ' share-dialog--wide' : ''}`}
      aria-labelledby={titleId}
      data-testid={props.testid}
      onClose={props.onClose}
      onKeyDown={(e) => e.stopPropagation()}
      onClick={(e) => {
        if (e.target === ref.current) ref.current?.close(); // the backdrop
      }}
    >
      <div class="share-dialog__frame">
        <header class="share-dialog__head">
          <h2 id={titleId}>{props.title}</h2>
          <button class="btn btn--icon btn--quiet share-dialog__close" aria-label={t('share.close')} onClick={() => ref.current?.close()} data-testid={`${props.testid}-close`}>
            <ShareIcon name="close" size={20} />
          </button>
        </header>
        <div class="share-dialog__body">{props.children}</div>
        {props.footer && <footer class="share-dialog__foot">{props.footer}</footer>}
      </div>
    </dialog>
  );
}
