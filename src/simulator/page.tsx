import { clientScript } from './client-script.js'
import { pageCss } from './page-styles.js'
import { rendererCss } from './styles.js'

export interface PageProps {
  nonce: string
  botName: string
  personas: readonly string[]
}

/** The /dev/chat page: a server-rendered shell; the inline script fills it from the JSON API. */
export function ChatPage(props: PageProps) {
  return (
    <html lang="th">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>จำลองแชต LINE · LINE simulator</title>
        <link rel="icon" href="data:," />
        <style nonce={props.nonce} dangerouslySetInnerHTML={{ __html: rendererCss + pageCss }} />
      </head>
      <body>
        <div class="app">
          <aside class="side">
            <h1>
              จำลองแชต LINE <small>LINE simulator · {props.botName}</small>
            </h1>
            <p class="hint">
              ยังไม่มีช่อง LINE จริง ข้อความที่บอตส่งจะถูกบันทึกไว้ที่นี่ <br />
              <small>No LINE channel yet: what the bot sends is recorded here instead.</small>
            </p>
            <section>
              <h2>
                แชต 1:1 ในฐานะ <small>1:1 chat as</small>
              </h2>
              <div id="personas" class="list">
                {props.personas.map((name) => (
                  <button type="button" class="persona" data-name={name}>
                    {name}
                  </button>
                ))}
              </div>
              <form id="persona-form" class="inline">
                <input
                  name="name"
                  maxlength={40}
                  placeholder="ชื่ออื่น / another name"
                  aria-label="ชื่อผู้ใช้ / user name"
                />
                <button type="submit">เปิดแชต / Open</button>
              </form>
            </section>
            <section>
              <h2>
                กลุ่ม <small>Groups</small>
              </h2>
              <div id="groups" class="list" />
              <form id="group-form" class="stack">
                <input id="group-name" name="name" maxlength={50} placeholder="ชื่อกลุ่ม / group name" required />
                <input
                  id="group-members"
                  name="members"
                  placeholder="สมาชิก คั่นด้วย , / members, comma-separated"
                  value="สมชาย ใจดี, สมหญิง รักงาน"
                  required
                />
                <button type="submit" id="create-group">
                  สร้างกลุ่ม / Create group
                </button>
              </form>
            </section>
          </aside>
          <main class="chat">
            <header id="chat-head" class="chat-head">
              <div class="title">เลือกผู้ใช้หรือกลุ่มทางซ้าย · Pick a persona or a group</div>
            </header>
            <div id="log" class="log" aria-live="polite" />
            <form id="composer" class="composer" hidden>
              <select id="speaker" aria-label="ผู้พูด / speaking as" hidden />
              <label class="attach" title="ส่งรูป (JPEG, PNG) / Send photo">
                <input
                  type="file"
                  id="send-photo"
                  accept="image/jpeg,image/png"
                  aria-label="ส่งรูป / Send photo"
                />
                📷 ส่งรูป<span class="en"> / Send photo</span>
              </label>
              <label class="attach" title="ส่งไฟล์ / Send file">
                <input type="file" id="send-file" aria-label="ส่งไฟล์ / Send file" />📎 ส่งไฟล์
                <span class="en"> / Send file</span>
              </label>
              <textarea id="text" rows={1} maxlength={5000} placeholder="พิมพ์ข้อความ / Type a message" />
              <button type="submit" id="send">
                ส่ง / Send
              </button>
              <button
                type="button"
                id="unsend"
                class="secondary"
                title="ยกเลิกข้อความล่าสุด / Unsend my last message"
              >
                ↶
              </button>
            </form>
            <div class="tips" id="tips" hidden>
              ในกลุ่ม บอตตอบเมื่อถูกกล่าวถึง: เริ่มข้อความด้วย <code>@bot</code> หรือพิมพ์คำสั่งอย่างเดียว · In a group the bot
              answers when mentioned (start with <code>@bot</code>) or to a bare command.
            </div>
          </main>
        </div>
        <dialog id="picker">
          <form method="dialog" class="stack">
            <label for="picker-input">เลือกวันเวลา / Pick a date or time</label>
            <input id="picker-input" />
            <div class="inline">
              <button value="ok" type="submit">
                ตกลง / OK
              </button>
              <button value="cancel" type="submit" class="secondary">
                ยกเลิก / Cancel
              </button>
            </div>
          </form>
        </dialog>
        <div id="toast" class="toast" role="alert" hidden />
        <script nonce={props.nonce} dangerouslySetInnerHTML={{ __html: clientScript }} />
      </body>
    </html>
  )
}
