/**
 * Pages whose titles, times and text try to break a Jekyll build: YAML-looking titles,
 * Liquid in the text, stories published just after midnight in Singapore.
 */
import { astroPage, escapeHtml, type StoryPage } from './pages.js';
import type { Route } from './site-server.js';

export type HostileStory = StoryPage;

export const HOSTILE_STORIES: HostileStory[] = [
  {
    path: '/realtime/china/story20260314-9600001',
    title: `他说: "我们会赢" #1 [独家] - 'yes' & <b>粗</b> 🎉`,
    published: '2026-03-14T00:15:00+08:00',
    paragraphs: ['模板语法 {{ site.title }} 与 {% include nothing.html %} 应按原样显示。', '还有一个 {% endraw %} 字面量。'],
  },
  {
    path: '/realtime/world/story20260315-9600002',
    title: 'yes',
    published: '2026-03-15T23:59:00+08:00',
    paragraphs: ['标题只有一个英文单词，YAML 1.1 会把它读成布尔值。'],
  },
  {
    path: '/realtime/world/story20260316-9600003',
    title: '- 开头是破折号: 还有冒号',
    published: '2026-03-16T00:00:00+08:00',
    paragraphs: ['文章在新加坡午夜整点发布。', '价格{{ 100 | plus: 1 }}不应被计算。'],
  },
];

export function hostileRoutes(): Record<string, Route> {
  const items = HOSTILE_STORIES.map(
    (story) => `<item><title>${escapeHtml(story.title)}</title><link>https://www.zaobao.com${story.path}</link></item>`,
  ).join('');
  return {
    '/feed.xml': { body: `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${items}</channel></rss>`, contentType: 'application/rss+xml' },
    ...Object.fromEntries(HOSTILE_STORIES.map((story) => [story.path, { body: astroPage(story) }])),
  };
}
