/** Bylines and the names they hold: the vocabulary of src/extract/byline.ts, case by case. */
import { describe, expect, it } from 'vitest';
import { bylineNames, personName, separatesNames } from '../../src/extract/byline.js';

describe('the names in a byline', () => {
  it.each<[string, string[]]>([
    // Names and the marks between them.
    ['郭玉洁、王一', ['郭玉洁', '王一']],
    ['张三、李四、王五', ['张三', '李四', '王五']],
    ['陈美玲／李明', ['陈美玲', '李明']],
    ['陈美玲 / 李明', ['陈美玲', '李明']],
    ['郭玉洁，王一', ['郭玉洁', '王一']],
    ['郭玉洁,王一', ['郭玉洁', '王一']],
    ['郭玉洁；王一', ['郭玉洁', '王一']],
    ['郭玉洁;王一', ['郭玉洁', '王一']],
    ['郭玉洁＆王一', ['郭玉洁', '王一']],
    ['Goh Yu Jie & Wang Yi', ['Goh Yu Jie', 'Wang Yi']],
    ['Goh Yu Jie &amp; Wang Yi', ['Goh Yu Jie', 'Wang Yi']],
    ['Li Ming and Wang Wei', ['Li Ming', 'Wang Wei']],
    ['Tan Wee Leng and 李明', ['Tan Wee Leng', '李明']],
    ['By Goh Yu Jie and Wang Yi', ['Goh Yu Jie', 'Wang Yi']],
    ['by Tan Wee Leng', ['Tan Wee Leng']],
    // In a page's byline a comma lists names; ld+json's Person names go through personName.
    ['Tan, Wee Leng', ['Tan', 'Wee Leng']],
    // Chinese names set apart by spaces alone; a middle dot inside a name joins it.
    ['黄佳琪 王一', ['黄佳琪', '王一']],
    ['陈可欣 王一', ['陈可欣', '王一']],
    ['司马相如 欧阳修 诸葛亮', ['司马相如', '欧阳修', '诸葛亮']],
    ['郭玉洁\u3000王一', ['郭玉洁', '王一']],
    ['郭玉洁\u00a0王一', ['郭玉洁', '王一']],
    ['约翰·史密斯', ['约翰·史密斯']],
    // Labels, roles and posts before or after the name.
    ['作者：郭玉洁', ['郭玉洁']],
    ['作者： 黄佳琪、李明 图／王五', ['黄佳琪', '李明']],
    ['撰文：郭玉洁', ['郭玉洁']],
    ['文/郭玉洁', ['郭玉洁']],
    ['文 / 郭玉洁', ['郭玉洁']],
    ['记者 郭玉洁', ['郭玉洁']],
    ['特约记者 郭玉洁', ['郭玉洁']],
    ['高级记者：郭玉洁', ['郭玉洁']],
    ['首席记者 郭玉洁', ['郭玉洁']],
    ['实习记者 陈美玲', ['陈美玲']],
    ['本报记者 陈美玲', ['陈美玲']],
    ['通讯员 李明', ['李明']],
    ['北京特派员 陈可欣', ['陈可欣']],
    ['早报驻北京特派员 韩咏红', ['韩咏红']],
    ['驻上海特派员 李明', ['李明']],
    ['驻北京记者 陈可欣', ['陈可欣']],
    ['郭玉洁 | 记者', ['郭玉洁']],
    ['陈可欣 | 记者', ['陈可欣']],
    ['郭玉洁｜记者', ['郭玉洁']],
    ['郭玉洁｜北京特派员', ['郭玉洁']],
    ['周文斌｜作者', ['周文斌']],
    ['陈美玲 记者', ['陈美玲']],
    ['陈美玲、本报记者', ['陈美玲']],
    ['郭玉洁 北京特派员', ['郭玉洁']],
    ['韩咏红 早报驻北京特派员', ['韩咏红']],
    ['郭玉洁 驻北京记者', ['郭玉洁']],
    ['郭玉洁 早报驻华盛顿记者', ['郭玉洁']],
    ['郭玉洁 报道', ['郭玉洁']],
    ['郭玉洁 整理', ['郭玉洁']],
    ['郭玉洁 编译', ['郭玉洁']],
    ['黄佳琪_byline', ['黄佳琪']],
    ['郭玉洁（北京）', ['郭玉洁']],
    ['郭玉洁 (新加坡)', ['郭玉洁']],
    ['陈美玲（实习记者）', ['陈美玲']],
    ['郭玉洁、发布/2024年1月13日 21:40', ['郭玉洁']],
    ['郭玉洁、王一、2024-01-13 21:40', ['郭玉洁', '王一']],
    // Photo and editing credits are no authorship.
    ['文／陈美玲 图／李明', ['陈美玲']],
    ['文／陈可欣 图／李明', ['陈可欣']],
    ['文／陈美玲、图／李明', ['陈美玲']],
    ['文／陈美玲　图／李明', ['陈美玲']],
    ['图／李明　文／陈美玲', ['陈美玲']],
    ['文／陈美玲　photo/Li', ['陈美玲']],
    ['Photo: Li　文／陈美玲', ['陈美玲']],
    ['Photo/Lianhe Zaobao　文／陈美玲', ['陈美玲']],
    ['By Tan Wee Leng, Photo: Li Ming', ['Tan Wee Leng']],
    ['Tan Wee Leng | Photo: Lim Yaohui', ['Tan Wee Leng']],
    ['陈可欣、Photo: Ooi Boon Keong', ['陈可欣']],
    ['陈美玲、李明 摄', ['陈美玲']],
    ['陈美玲、摄影 李明', ['陈美玲']],
    ['陈美玲　编辑：王五', ['陈美玲']],
    ['陈美玲、责任编辑：王五', ['陈美玲']],
    ['摄影：李明', []],
    ['摄影 李明', []],
    ['李明 摄影', []],
    ['photo: Li Ming', []],
    ['责任编辑：王五', []],
    // Words and pictures by one hand: the name is the author's.
    ['文、图／郭玉洁', ['郭玉洁']],
    ['图文／郭玉洁', ['郭玉洁']],
    ['图文：郭玉洁', ['郭玉洁']],
    ['文·图／郭玉洁', ['郭玉洁']],
    ['文/图/郭玉洁', ['郭玉洁']],
    ['文＆图／郭玉洁', ['郭玉洁']],
    // …but a name ending in 文 before a photo credit is no combined credit.
    ['文／李文　图／张三', ['李文']],
    ['文：张文、李文　图：王图', ['张文', '李文']],
    ['陈文、图：李明', ['陈文']],
    // The desk's credit, the site and bare labels leave the post to the default author.
    ['综合讯', []],
    ['综合报道', []],
    ['早报讯', []],
    ['联合早报讯', []],
    ['本报讯', []],
    ['联合早报', []],
    ['来源：联合早报', []],
    ['文、图／', []],
    ['实习生', []],
    ['发布时间', []],
  ])('%s → %j', (byline, names) => {
    expect(bylineNames([byline])).toEqual(names);
  });

  it('gives each name once over several bylines, in page order', () => {
    expect(bylineNames(['郭玉洁', '郭玉洁、王一', '作者：王一'])).toEqual(['郭玉洁', '王一']);
  });
});

describe('one person named by a structured source', () => {
  it.each([
    ['Tan, Wee Leng', 'Tan Wee Leng'],
    ["O'Neil, Mary-Ann", "O'Neil Mary-Ann"],
    ['  陈可欣 ', '陈可欣'],
    ['Goh Yu Jie', 'Goh Yu Jie'],
    ['郭玉洁, 王一', '郭玉洁, 王一'],
  ])('%s → %s', (name, person) => {
    expect(personName(name)).toBe(person);
  });
});

describe('text between two elements of a byline', () => {
  it.each([
    ['和', true],
    [' and ', true],
    [' & ', true],
    [' / ', true],
    ['、', true],
    [' · ', true],
    ['（北京）', false],
    [' ', false],
    ['记者', false],
  ])('%j parts names: %s', (text, parts) => {
    expect(separatesNames(text)).toBe(parts);
  });
});
