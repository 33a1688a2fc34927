import { describe, expect, it } from 'vitest';
import { extractArticleText } from '../../../lambdas/feeds/full-text/extract-article-text.ts';

const ONE = 'El Ministerio del Interior informó que la policía capturó a cinco presuntos extorsionadores en San Juan de Lurigancho.';
const TWO = 'Los detenidos fueron trasladados a la comisaría del sector, donde quedaron a disposición de la fiscalía de turno.';

describe('extractArticleText', () => {
  it.each([
    [
      'keeps the story in <article>, its subheadings, and drops navigation, share bars, footers and short lines',
      `<html><body><nav><p>Menú principal de navegación del diario con enlaces</p></nav><article><h1>Título</h1><h2>Subtítulo</h2><p>${ONE}</p><p>Corto.</p>` +
        `<div class="share-bar"><p>Compartir esta nota en redes sociales ahora mismo</p></div><p>${TWO}</p></article><footer><p>Todos los derechos reservados por el diario 2026</p></footer></body></html>`,
      `Subtítulo\n\n${ONE}\n\n${TWO}`,
    ],
    [
      'prefers the articleBody container and keeps quotes and list items once each',
      `<div itemprop="articleBody"><p>${ONE}</p><blockquote><p>Cita textual de un vocero policial sobre el caso</p></blockquote><ul><li>Primer punto relevante de la lista de hechos</li></ul></div><aside><p>${TWO}</p></aside>`,
      `${ONE}\n\nCita textual de un vocero policial sobre el caso\n\nPrimer punto relevante de la lista de hechos`,
    ],
    [
      'without a known container, takes the element holding the most paragraph text',
      `<body><div id="x"><p>${ONE}</p><p>${TWO}</p></div><div id="y"><p>Otro párrafo suficientemente largo aquí</p></div></body>`,
      `${ONE}\n\n${TWO}`,
    ],
    [
      'drops scripts and reader comments inside the story',
      `<article><script>var texto = "${ONE}";</script><p>${ONE}</p><div class="comments"><p>Un comentario de un lector que no es parte de la nota</p></div></article>`,
      ONE,
    ],
    ['folds whitespace inside a paragraph', `<article><p>  ${ONE.replaceAll(' ', ' \n\t ')}  </p></article>`, ONE],
    ['gives nothing for a page without paragraphs', '<html><body><div>solo un div sin párrafos</div></body></html>', ''],
    ['gives nothing for plain text', 'texto plano sin etiquetas que no es una página', ''],
    ['gives nothing for an empty page', '', ''],
    ['gives nothing for a broken page rather than throwing', '<html><body><article><p>sin cerrar <div></article></p></body', ''],
  ])('%s', (_, html, text) => {
    expect(extractArticleText(html)).toBe(text);
  });
});
