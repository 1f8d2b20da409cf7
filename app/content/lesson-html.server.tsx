// Lessons are rendered to HTML once per module version and language, on the server, and the page
// inserts that HTML: a learner's request neither evaluates compiled MDX nor renders its tree,
// and the browser receives no MDX code (the components need no JavaScript).
import type { AppLoadContext } from "@remix-run/node";
import { getMDXComponent } from "mdx-bundler/client/index.js";
import { createContext, useContext } from "react";
import { renderToStaticMarkup } from "react-dom/server";

import type { Lang } from "#app/i18n/lang";
import { translate, type MessageKey } from "#app/i18n/messages";

import type { Catalogue, CatalogueCourse } from "./catalogue.server";

const LessonLang = createContext<Lang>("vi");

function useT() {
  const lang = useContext(LessonLang);
  return (key: MessageKey) => translate(lang, key);
}

type WithChildren = { children?: React.ReactNode };

function Callout({ kind, title, children }: WithChildren & { kind: "info" | "warning" | "tip"; title?: string }) {
  const t = useT();
  return (
    <aside className={`callout callout--${kind}`}>
      <p className="callout__title">{title ?? t(`mdx.callout.${kind}`)}</p>
      {children}
    </aside>
  );
}

function LawQuote({ source, children }: WithChildren & { source: string }) {
  const t = useT();
  return (
    <aside className="law-quote" aria-label={t("mdx.law")}>
      <p className="law-quote__label">{t("mdx.law")}</p>
      <blockquote>{children}</blockquote>
      <p className="law-quote__source">{source}</p>
    </aside>
  );
}

function Hotline() {
  const t = useT();
  return (
    <aside className="hotline-box">
      <p className="hotline-box__title">{t("mdx.hotline.title")}</p>
      <p>
        <a className="hotline-box__number" href="tel:111">
          111
        </a>{" "}
        {t("mdx.hotline.body")}
      </p>
      <p>
        <a className="hotline-box__number" href="tel:02433525662">
          024 3352 5662
        </a>{" "}
        {t("mdx.hotline.socialWork")}
      </p>
    </aside>
  );
}

// A native <details>: folded by default and opened without JavaScript.
function ForAdults({ children }: WithChildren) {
  const t = useT();
  return (
    <details className="for-adults">
      <summary>{t("mdx.forAdults")}</summary>
      {children}
    </details>
  );
}

function KeyPoints({ children }: WithChildren) {
  const t = useT();
  return (
    <section className="key-points">
      <h2>{t("mdx.keyPoints")}</h2>
      {children}
    </section>
  );
}

function MythBuster({ claim, verdict, children }: WithChildren & { claim: string; verdict: "true" | "false" }) {
  const t = useT();
  return (
    <details className="myth">
      <summary>
        <span className="myth__question">{t("mdx.myth.question")}</span> «{claim}»
      </summary>
      <p className={`myth__verdict myth__verdict--${verdict}`}>{verdict === "true" ? t("mdx.myth.true") : t("mdx.myth.false")}</p>
      {children}
    </details>
  );
}

type CompiledContent = { slug: string; version: string; code: string };

const htmlCache = new Map<string, string>();

function htmlKeyOf(content: CompiledContent, courseSlug: string, lang: Lang) {
  return `${lang}:${courseSlug}:${content.slug}:${content.version}`;
}

/** A lesson rendered earlier in this process, by its key. */
export function findRenderedHtml(key: string) {
  return htmlCache.get(key);
}

/**
 * A lesson (or course introduction) in the reader's language, for a loader: its key, and its
 * HTML only when the request is a data request; a document gets the HTML through its key.
 */
export function lessonForLoader(context: AppLoadContext, content: CompiledContent, courseSlug: string, lang: Lang) {
  const html = lessonHtml(content, courseSlug, lang);
  return { html: context.isDataRequest ? html : null, htmlKey: htmlKeyOf(content, courseSlug, lang) };
}

export function lessonHtml(content: CompiledContent, courseSlug: string, lang: Lang) {
  const key = htmlKeyOf(content, courseSlug, lang);
  let html = htmlCache.get(key);
  if (html === undefined) {
    const Content = getMDXComponent(content.code);
    const components = {
      Callout,
      LawQuote,
      Hotline,
      ForAdults,
      KeyPoints,
      MythBuster,
      Figure: ({ src, alt, caption }: { src: string; alt: string; caption?: string }) => (
        <figure className="figure">
          <img src={`/noi-dung/${courseSlug}/${src}`} alt={alt} loading="lazy" />
          {caption ? <figcaption>{caption}</figcaption> : null}
        </figure>
      ),
    };
    html = renderToStaticMarkup(
      <LessonLang.Provider value={lang}>
        <Content components={components} />
      </LessonLang.Provider>,
    );
    htmlCache.set(key, html);
  }
  return html;
}

function courseIntro(course: CatalogueCourse) {
  return { slug: "", version: course.version, code: course.introCode };
}

export function courseIntroForLoader(context: AppLoadContext, course: CatalogueCourse, lang: Lang) {
  return lessonForLoader(context, courseIntro(course), course.slug, lang);
}

/** Renders every lesson in both languages while the server starts. */
export function prerenderLessons(catalogue: Catalogue) {
  for (const lang of ["vi", "en"] as const) {
    for (const course of catalogue.courses) {
      lessonHtml(courseIntro(course), course.slug, lang);
      for (const module of course.modules) lessonHtml(module, course.slug, lang);
    }
  }
}
