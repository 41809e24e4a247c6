/** The chat page's own layout; two columns on a desktop, stacked on a phone. */
export const pageCss = `
*{box-sizing:border-box}
html,body{margin:0;height:100%}
body{font-family:"Noto Sans Thai","Sarabun","Leelawadee UI","Tahoma",system-ui,sans-serif;background:#eef1f4;color:#1c1e21;font-size:15px}
small{color:#667;font-weight:400;font-size:.8em}
button,input,select,textarea{font:inherit}
button{border:0;border-radius:8px;background:#06c755;color:#fff;padding:7px 12px;cursor:pointer}
button.secondary{background:#dfe3e8;color:#222}
button:disabled{opacity:.5;cursor:not-allowed}
input,select,textarea{border:1px solid #c9ced6;border-radius:8px;padding:7px 9px;background:#fff;min-width:0}
.app{display:grid;grid-template-columns:300px minmax(0,1fr);height:100vh;height:100dvh}
.side{background:#fff;border-right:1px solid #dde1e6;padding:12px;overflow-y:auto}
.side h1{font-size:18px;margin:0 0 6px}.side h1 small{display:block}
.side h2{font-size:14px;margin:14px 0 6px}
.hint{font-size:13px;color:#445;margin:0}
.list{display:flex;flex-direction:column;gap:4px;margin-bottom:6px}
.list button{background:#f3f5f7;color:#222;text-align:left;display:flex;justify-content:space-between;gap:6px}
.list button.active{background:#06c755;color:#fff}
.list button .meta{font-size:12px;opacity:.8}
.inline{display:flex;gap:6px}.inline input{flex:1}
.stack{display:flex;flex-direction:column;gap:6px}
.chat{display:flex;flex-direction:column;min-height:0;min-width:0;background:#8cabd9}
.chat-head{background:#27364a;color:#fff;padding:8px 12px;display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.chat-head .title{font-weight:700;flex:1 1 200px}
.chat-head small{color:#c8d2e0}
.members{display:flex;flex-wrap:wrap;gap:4px}
.member{background:#3b4e68;border-radius:999px;padding:2px 4px 2px 10px;font-size:13px;display:flex;align-items:center;gap:2px}
.member button{background:transparent;color:#fff;padding:0 6px}
.chat-head form input{width:10em}
.log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:10px}
.row{display:flex;flex-direction:column}
.entry{max-width:100%}
.entry-user{align-self:flex-end;display:flex;flex-direction:column;align-items:flex-end}
.who{font-size:12px;color:#1d2a3a;margin:0 4px 2px}
.bubble-user{background:#a4f07a;color:#111;border-radius:18px;padding:9px 13px;white-space:pre-wrap;overflow-wrap:anywhere;max-width:min(480px,80vw)}
.bubble-user.unsent{background:#dfe3e8;color:#667;font-style:italic}
.entry-system{align-self:center;text-align:center}
.note{background:rgba(0,0,0,.28);color:#fff;border-radius:999px;padding:3px 12px;font-size:12px;display:inline-block;max-width:90vw;overflow-wrap:anywhere}
.entry-error .note{background:#b3261e}
.typing{background:#fff;border-radius:18px;padding:10px 14px;display:flex;gap:4px}
.typing span{width:7px;height:7px;border-radius:50%;background:#9aa3ad;animation:blink 1s infinite}
.typing span:nth-child(2){animation-delay:.2s}.typing span:nth-child(3){animation-delay:.4s}
@keyframes blink{50%{opacity:.3}}
.row:not(:last-child) .lc-quick{display:none}
.composer{display:flex;gap:6px;padding:8px;background:#fff;border-top:1px solid #dde1e6;align-items:flex-end}
.composer textarea{flex:1;resize:none;max-height:30vh}
.attach{position:relative;overflow:hidden;display:inline-flex;align-items:center;gap:4px;background:#dfe3e8;color:#222;border-radius:8px;padding:7px 10px;cursor:pointer;white-space:nowrap;font-size:13px}
.attach input{position:absolute;inset:0;opacity:0;cursor:pointer;font-size:0}
.attach:focus-within{outline:2px solid #06c755;outline-offset:1px}
.bubble-media{padding:4px}
.bubble-media img{display:block;max-width:min(240px,60vw);max-height:240px;border-radius:14px}
.bubble-file{display:flex;align-items:center;gap:8px}
.file-name{font-weight:600;overflow-wrap:anywhere}
.file-size{font-size:12px;color:#335;white-space:nowrap}
.tips{font-size:12px;color:#223;padding:4px 10px;background:#dfe7f3}
.toast{position:fixed;bottom:70px;left:50%;transform:translateX(-50%);background:#b3261e;color:#fff;padding:8px 14px;border-radius:8px;max-width:90vw;z-index:10}
dialog{border:0;border-radius:12px;padding:16px}
@media (max-width:720px){
  .app{grid-template-columns:minmax(0,1fr);grid-template-rows:auto minmax(0,1fr)}
  .side{border-right:0;border-bottom:1px solid #dde1e6;max-height:34vh;padding:8px}
  .side .hint{display:none}
  .side h2{margin:8px 0 4px}
  .list{flex-direction:row;flex-wrap:wrap}
  .log{padding:8px}
  .composer{flex-wrap:wrap}
  #speaker{flex:1 0 100%}
  .attach .en{display:none}
  .tips{display:none}
}
`
