/** The inline stylesheet and script of the HTML report (no network: everything ships in the file). */

export const REPORT_CSS = `
:root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#fff;--head:#f6f8fa;--hi:#cf222e;--mid:#9a6700;--ok:#1a7f37}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;padding:24px 32px;max-width:1600px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
.summary{color:var(--muted);margin:0 0 8px}
.toc a{color:#0969da;text-decoration:none}.toc{margin:0 0 8px}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{border:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
th{background:var(--head);position:sticky;top:0}
table.sortable th{cursor:pointer;user-select:none}
table.sortable th[aria-sort=ascending]::after{content:" \\25B2"}table.sortable th[aria-sort=descending]::after{content:" \\25BC"}
#inventory th{white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;background:var(--head);padding:0 3px;border-radius:3px;word-break:normal;overflow-wrap:normal;hyphens:none}
.cat{display:inline-block;border:1px solid var(--line);border-radius:10px;padding:0 7px;margin:1px 2px;font-size:12px;white-space:nowrap;font-weight:600}
.flag{display:inline-block;background:var(--hi);color:#fff;border-radius:3px;padding:0 5px;font-size:11px;font-weight:600;margin-right:3px}
.st-approved{color:var(--ok)}.st-rejected{color:var(--hi)}.st-proposed{color:var(--mid)}
.ev,.small{font-size:12px;color:var(--muted)}
ul.tree{margin:4px 0 8px;padding-left:20px}
h3{font-size:16px;margin:16px 0 2px}h4{font-size:14px;margin:10px 0 2px;color:var(--muted)}
details>summary{cursor:pointer}
.controls{display:flex;gap:8px;flex-wrap:wrap;align-items:center;margin:8px 0}
.controls input{min-width:260px}
.controls input,.controls select{font:inherit;padding:4px 6px;border:1px solid var(--line);border-radius:4px}
#count{color:var(--muted)}
tr[hidden]{display:none}
#heatmap{width:auto;min-width:60%}
#heatmap th.dept{white-space:nowrap;background:var(--bg);position:static}
#heatmap th.mcat{text-align:center;padding:4px 2px}
#heatmap th.mcat{vertical-align:bottom}
#heatmap th.mcat .cat{font-size:11px;padding:1px 5px;white-space:normal;line-height:1.25;border-radius:6px}
#heatmap td.mcell{text-align:center;min-width:52px;cursor:pointer;line-height:1.2}
#heatmap td.mcell b{display:block;font-size:15px}
#heatmap td.mcell .rows{font-size:11px}
#heatmap td.empty{color:#afb8c1;cursor:default}
.bar{display:flex;height:12px;min-width:160px;border:1px solid var(--line);border-radius:3px;overflow:hidden}
.bar .seg{display:block;height:100%}
tr.public td{background:#fff1f0}
td.up{color:var(--hi);font-weight:600}td.down{color:var(--ok);font-weight:600}
svg.spark{display:block}
@media print{
  body{padding:0;font-size:9pt;max-width:none}
  .controls,.toc{display:none}
  th{position:static}
  .scroll{overflow:visible}
  table.sortable th::after{content:""!important}
  tr,li{break-inside:avoid}
  details:not([open])>*:not(summary){display:block}
  h2,h3,h4{break-after:avoid}
  #matrix,#risks{break-inside:avoid}
  .flag{border:1px solid #000;color:#000;background:none}
}`;

/** Sorting (click a header of any sortable table; numbers by `data-sort`), filtering the inventory, and matrix cells that filter it. */
export const REPORT_JS = `
(function(){
  function sortable(table){
    var heads=Array.prototype.slice.call(table.tHead.rows[0].cells),tbody=table.tBodies[0];
    heads.forEach(function(th,i){
      th.addEventListener('click',function(){
        var rows=Array.prototype.slice.call(tbody.rows);
        var asc=th.getAttribute('aria-sort')!=='ascending';
        var num=th.classList.contains('num')||th.getAttribute('data-sort-type')==='num';
        heads.forEach(function(h){h.removeAttribute('aria-sort');});
        th.setAttribute('aria-sort',asc?'ascending':'descending');
        function key(r){var cell=r.cells[i];if(!cell)return '';var v=cell.hasAttribute('data-sort')?cell.getAttribute('data-sort'):cell.textContent;return num?(v===''?-Infinity:Number(v)):v.toLowerCase();}
        rows.sort(function(a,b){var x=key(a),y=key(b);return (x<y?-1:x>y?1:0)*(asc?1:-1);});
        rows.forEach(function(r){tbody.appendChild(r);});
      });
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'),sortable);
  var table=document.getElementById('inventory');if(!table)return;
  var rows=Array.prototype.slice.call(table.tBodies[0].rows);
  var q=document.getElementById('filter'),cat=document.getElementById('category'),dept=document.getElementById('department'),schema=document.getElementById('schema'),count=document.getElementById('count');
  function apply(){
    var t=q.value.trim().toLowerCase(),c=cat.value,d=dept.value,s=schema.value,n=0;
    rows.forEach(function(r){
      var ok=(!t||r.textContent.toLowerCase().indexOf(t)>=0)
        &&(!c||(' '+r.getAttribute('data-cats')+' ').indexOf(' '+c+' ')>=0)
        &&(!d||r.getAttribute('data-dept')===d)
        &&(!s||r.getAttribute('data-schema')===s);
      r.hidden=!ok;if(ok)n++;
    });
    count.textContent=n+' of '+rows.length+' columns';
  }
  q.addEventListener('input',apply);cat.addEventListener('change',apply);dept.addEventListener('change',apply);schema.addEventListener('change',apply);
  Array.prototype.forEach.call(document.querySelectorAll('#heatmap td.mcell[data-cat]'),function(td){
    td.addEventListener('click',function(){
      cat.value=td.getAttribute('data-cat');dept.value=td.getAttribute('data-dept');schema.value='';q.value='';apply();
      document.getElementById('columns').scrollIntoView();
    });
  });
  apply();
})();`;
