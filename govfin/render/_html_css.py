"""The inline style sheet of the HTML report (no web fonts, no network).

Chinese text uses the system's CJK fonts; tables scroll sideways inside their
own box on a narrow screen; the findings list sits beside a table on a wide
screen and below it on a phone.
"""

from __future__ import annotations

from typing import Final

__all__ = ["CSS"]

CSS: Final = """
:root {
  --error: #c62828; --error-bg: #fde2e1;
  --warning: #b85c00; --warning-bg: #ffe9c7;
  --residue: #1565c0; --residue-bg: #dcebff;
  --info: #4a6572; --info-bg: #e6eef2;
  --unchecked: #757575; --unchecked-bg: #f1f1f1;
  --ok: #2e7d32; --ok-bg: #dff3e0;
  --line: #d0d5da; --muted: #5f6b76;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: #1d2329; background: #fafbfc; line-height: 1.55;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
    sans-serif;
  font-size: 15px;
}
header.top, main, footer { max-width: 1400px; margin: 0 auto; padding: 0 1rem; }
header.top { padding-top: 1rem; }
h1 { font-size: 1.45rem; margin: .4rem 0; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 .4rem; border-bottom: 2px solid var(--line);
  padding-bottom: .2rem; }
h3 { font-size: 1.02rem; margin: 1rem 0 .3rem; }
a { color: #0b57a3; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .4rem 0; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.counts { display: flex; flex-wrap: wrap; gap: .4rem; margin: .5rem 0; padding: 0;
  list-style: none; }
.counts li { padding: .15rem .6rem; border-radius: 1rem; border: 1px solid var(--line);
  background: #fff; white-space: nowrap; }
.counts li b { font-variant-numeric: tabular-nums; }
.legend-key { display: flex; flex-wrap: wrap; gap: .3rem .8rem; font-size: .88rem;
  color: var(--muted); margin: .3rem 0; padding: 0; list-style: none; }
nav.toc ol { padding-left: 1.3rem; margin: .3rem 0; columns: 2 18rem; }
.badge { display: inline-block; padding: 0 .4rem; border-radius: .25rem; font-size: .8rem;
  font-weight: 600; white-space: nowrap; }
.st-error { --c: var(--error); --bg: var(--error-bg); }
.st-warning { --c: var(--warning); --bg: var(--warning-bg); }
.st-residue { --c: var(--residue); --bg: var(--residue-bg); }
.st-info { --c: var(--info); --bg: var(--info-bg); }
.st-unchecked { --c: var(--unchecked); --bg: var(--unchecked-bg); }
.st-ok { --c: var(--ok); --bg: var(--ok-bg); }
.badge { color: #fff; background: var(--c, #777); }
.layout { display: grid; grid-template-columns: minmax(0, 1fr); gap: .8rem; align-items: start; }
@media (min-width: 1000px) {
  .layout { grid-template-columns: minmax(0, 1fr) 24rem; }
  .layout > aside { position: sticky; top: .5rem; max-height: 96vh; overflow-y: auto; }
}
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; background: #fff;
  border: 1px solid var(--line); border-radius: .3rem; }
table.pub { border-collapse: collapse; font-size: .88rem; min-width: 100%; }
table.pub caption { text-align: left; padding: .3rem .5rem; color: var(--muted);
  caption-side: top; }
table.pub th, table.pub td { border: 1px solid var(--line); padding: .2rem .45rem;
  vertical-align: top; }
table.pub thead th { background: #eef1f4; font-weight: 600; text-align: center;
  white-space: pre-line; min-width: 4.5em; }
table.pub td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.pub td.code { white-space: nowrap; font-variant-numeric: tabular-nums; }
table.pub td.label { min-width: 9rem; }
table.pub td.side-gap, table.pub th.side-gap { border-top: 0; border-bottom: 0;
  background: #fafbfc; padding: 0 .15rem; }
table.pub tr.lvl1 td.label, table.pub tr.total td, table.pub td.label.lvl1,
table.pub td.label.total { font-weight: 600; }
table.pub tr.lvl2 td.label { padding-left: 1.1rem; }
table.pub tr.lvl3 td.label { padding-left: 2.1rem; }
.hl { background: var(--bg); box-shadow: inset 0 0 0 2px var(--c); }
tr.hl > td { background: var(--bg); }
tr.hl { box-shadow: none; outline: 2px solid var(--c); outline-offset: -2px; }
.hl.main { box-shadow: inset 0 0 0 3px var(--c); font-weight: 700; }
.hl a { color: inherit; text-decoration: none; display: block; }
.hl a:hover, .hl a:focus { text-decoration: underline; }
.hl.st-unchecked { box-shadow: inset 0 0 0 1px var(--c); }
section.tbl.hl { box-shadow: none; background: none; }
section.tbl.hl > h2 { border-bottom-color: var(--c); }
:target { animation: flash 1.6s ease-out 1; scroll-margin-top: 1rem; }
@keyframes flash { from { outline: 4px solid #ffb300; } to { outline: 4px solid transparent; } }
.blank { color: var(--muted); }
aside.findings { background: #fff; border: 1px solid var(--line); border-radius: .3rem;
  padding: .4rem .6rem; font-size: .9rem; }
aside.findings h3 { margin-top: .2rem; }
ol.flist { list-style: none; padding: 0; margin: 0; }
ol.flist > li { border-left: 4px solid var(--c); background: var(--bg); margin: .45rem 0;
  padding: .35rem .5rem; border-radius: 0 .25rem .25rem 0; overflow-wrap: anywhere; }
ol.flist > li.ref { background: #fff; }
.fmsg { margin: .2rem 0; }
.figs { display: flex; flex-wrap: wrap; gap: .1rem .9rem; margin: .2rem 0; font-size: .85rem;
  font-variant-numeric: tabular-nums; }
.figs span b { font-weight: 500; color: var(--muted); margin-right: .2rem; }
.where { margin: .15rem 0; font-size: .84rem; }
.where a { margin-right: .5rem; }
.fnote { color: var(--muted); font-size: .82rem; margin: .15rem 0; }
details > summary { cursor: pointer; color: var(--muted); margin: .3rem 0; }
.prose { white-space: pre-wrap; background: #fff; border: 1px solid var(--line);
  border-radius: .3rem; padding: .6rem .8rem; overflow-wrap: anywhere; }
mark.claim { background: var(--bg); border-bottom: 2px solid var(--c); color: inherit;
  padding: 0 .05rem; }
mark.claim.st-unchecked { border-bottom-style: dashed; }
sup.verdicts { line-height: 1; }
.v { display: inline-block; font-size: .72rem; padding: 0 .25rem; margin: 0 .1rem;
  border-radius: .2rem; color: #fff; background: var(--c); text-decoration: none;
  vertical-align: super; white-space: nowrap; }
figure.chart { margin: .8rem 0 1.2rem; background: #fff; border: 1px solid var(--line);
  border-radius: .3rem; padding: .5rem .7rem; }
figure.chart figcaption { font-weight: 600; margin-bottom: .35rem; }
figure.chart figcaption small { font-weight: 400; color: var(--muted); }
svg.bar { display: block; width: 100%; height: 28px; border-radius: .2rem; }
ul.legend { list-style: none; padding: 0; margin: .4rem 0 0; display: grid;
  grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: .15rem .8rem;
  font-size: .88rem; }
.swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: .15rem;
  vertical-align: -.05rem; margin-right: .3rem; }
.lg-value, .lg-share { font-variant-numeric: tabular-nums; }
.lg-share { color: var(--muted); }
footer { color: var(--muted); font-size: .8rem; padding: 1.5rem 1rem 2rem; }
@media (max-width: 600px) {
  body { font-size: 14px; }
  h1 { font-size: 1.2rem; }
  nav.toc ol { columns: 1; }
}
@media print {
  .layout { grid-template-columns: 1fr; }
  .scroll { overflow: visible; }
}
"""
"""The style sheet, inlined in the report's ``<head>``."""
