/**
 * Styles of rendered LINE messages (classes `lc-*`), close to the LINE app's look. Exported for
 * any page that shows renderMessages() output, such as the admin console's broadcast preview.
 */
export const rendererCss = `
.lc-messages{display:flex;flex-direction:column;align-items:flex-start;gap:6px;max-width:100%}
.lc-msg{max-width:100%}
.lc-text-message{background:#fff;color:#111;border-radius:18px;padding:9px 13px;white-space:pre-wrap;overflow-wrap:anywhere;max-width:min(480px,85vw);line-height:1.45}
.lc-text-message a{color:#1a5fb4}
.lc-bubble{background:#fff;border-radius:16px;overflow:hidden;max-width:min(100%,85vw);display:flex;flex-direction:column;color:#111;flex:0 0 auto}
.lc-block>.lc-box{padding:16px 18px}
.lc-hero>.lc-box,.lc-hero>.lc-image{padding:0}
.lc-footer>.lc-box{padding:10px 14px}
.lc-box{display:flex;min-width:0}
.lc-vertical{flex-direction:column}
.lc-horizontal,.lc-baseline{flex-direction:row}
.lc-text{overflow:hidden;text-overflow:ellipsis;font-size:16px;line-height:1.4;overflow-wrap:anywhere}
.lc-clamp{display:-webkit-box;-webkit-box-orient:vertical}
.lc-button{display:flex;align-items:center;justify-content:center;min-height:40px;height:52px;border:0;border-radius:8px;font:inherit;font-size:16px;padding:0 12px;text-decoration:none;cursor:pointer;text-align:center;box-sizing:border-box}
.lc-button-primary{background:#06c755;color:#fff}
.lc-button-secondary{background:#dcdfe5;color:#111}
.lc-button-link{background:transparent;color:#42659a}
.lc-button:hover{filter:brightness(.95)}
.lc-image{overflow:hidden;display:flex}
.lc-image img{width:100%;height:100%;display:block}
.lc-cover img{object-fit:cover}.lc-fit img{object-fit:contain}
.lc-hero .lc-image{width:100%!important;max-width:100%}
.lc-icon{display:inline-block;margin-right:4px}
.lc-separator{border:0;border-top:1px solid #e5e5e5;margin:0;width:100%;flex:0 0 auto}
.lc-carousel{display:flex;gap:8px;overflow-x:auto;max-width:100%;padding-bottom:4px;align-items:stretch}
.lc-alt{background:#fff;color:#111;border-radius:14px;padding:10px 13px;border:1px dashed #9aa3ad;max-width:min(480px,85vw);white-space:pre-wrap}
.lc-alt-kind{display:block;font-size:11px;color:#667;margin-bottom:2px}
.lc-sticker{width:120px;height:120px;border-radius:12px;background:#fff8d6;color:#7a6400;display:flex;align-items:center;justify-content:center;text-align:center;font-size:12px;border:1px dashed #d6c46a}
.lc-image-message img{max-width:min(240px,70vw);border-radius:14px;display:block}
.lc-template{display:flex;flex-direction:column;gap:4px}
.lc-alt-text{font-size:11px;color:#667}
.lc-template-columns{display:flex;gap:8px;overflow-x:auto}
.lc-template-card{background:#fff;color:#111;border-radius:14px;width:min(260px,80vw);flex:0 0 auto;overflow:hidden}
.lc-template-title{font-weight:700;padding:12px 14px 0}
.lc-template-body{padding:8px 14px;white-space:pre-wrap}
.lc-template-actions{display:flex;flex-direction:column;border-top:1px solid #eee}
.lc-template-actions.lc-row{flex-direction:row}.lc-template-actions.lc-row>*{flex:1}
.lc-quick{display:flex;gap:6px;overflow-x:auto;max-width:100%;padding:4px 0}
.lc-chip{flex:0 0 auto;border:1px solid #06c755;background:#fff;color:#06a346;border-radius:999px;padding:6px 12px;font:inherit;font-size:14px;cursor:pointer;text-decoration:none;white-space:nowrap}
.lc-chip:hover{background:#ecfbf2}
.lc-disabled{opacity:.5;cursor:not-allowed}
.lc-action[role=button]{cursor:pointer}
`
