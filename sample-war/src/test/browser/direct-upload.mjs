// Drives the sample's catalog page in headless Chromium. It signs in and checks that a file of the
// wrong type is rejected. Then it adds two products whose PNG images go straight to the store, one
// picked with the file input and one dropped on the drop zone, and checks that each image loads
// from the store through a signed URL.
//
// Usage: node direct-upload.mjs --base-url http://127.0.0.1:9280/ --store-url http://127.0.0.1:9280/storage/disk/
//            [--screenshot page.png] [--user alice@acme --password alice] [--chromium /usr/bin/chromium]
// --store-url is the prefix that every upload PUT and every image URL must start with. The script
// exits with status 1 and the reason on the first failed check.
import { randomUUID } from "node:crypto"
import { parseArgs } from "node:util"
import { deflateSync } from "node:zlib"
import { chromium } from "playwright-core"

const { values: options } = parseArgs({
  options: {
    "base-url": { type: "string" },
    "store-url": { type: "string" },
    screenshot: { type: "string" },
    user: { type: "string", default: "alice@acme" },
    password: { type: "string", default: "alice" },
    chromium: { type: "string", default: "/usr/bin/chromium" }
  }
})
if (!options["base-url"] || !options["store-url"]) {
  console.error("Missing option: give --base-url and --store-url")
  process.exit(2)
}
const baseUrl = options["base-url"]
const storeUrl = options["store-url"]

// Without the background-networking flags Chromium keeps calling Google's services, which a
// closed network rejects.
const browser = await chromium.launch({
  executablePath: options.chromium,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run"]
})
// What the page logged and which requests failed, printed when a check fails. Signed URLs are
// bearer credentials, so they are redacted first.
const diagnostics = []
let failed = false
try {
  await run(browser)
} catch (error) {
  failed = true
  console.error(`FAILED: ${error.message}`)
  diagnostics.forEach((line) => console.error(`  ${line}`))
} finally {
  await browser.close()
}
process.exit(failed ? 1 : 0)

async function run(browser) {
  // Credentials only for the sample's origin: the store must accept its signed URLs alone.
  const context = await browser.newContext({
    httpCredentials: { username: options.user, password: options.password, origin: new URL(baseUrl).origin }
  })
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  const uploads = []
  const problems = []
  page.on("request", (request) => {
    if (request.method() === "PUT") {
      uploads.push(request.url())
    }
  })
  page.on("pageerror", (error) => problems.push(`script error: ${error.message}`))
  page.on("console", (message) => {
    diagnostics.push(`console ${message.type()}: ${redact(message.text())}`)
    if (message.type() === "error" && message.text().includes("Content Security Policy")) {
      problems.push(`blocked by the Content-Security-Policy: ${redact(message.text())}`)
    }
  })
  page.on("requestfailed", (request) => {
    diagnostics.push(`request failed: ${request.method()} ${redact(request.url())}: ${request.failure().errorText}`)
  })
  page.on("response", (response) => {
    if (response.status() >= 400) {
      diagnostics.push(`response ${response.status()}: ${response.request().method()} ${redact(response.url())}`)
    }
  })

  const response = await page.goto(baseUrl)
  check(response.status() === 200, `the page returned ${response.status()}, expected 200`)

  await rejectsTextFile(page)
  check(uploads.length === 0, `the rejected file was uploaded anyway, to ${uploads.map(redact).join(", ")}`)

  const picked = await addProduct(page, "Mug", png(48, 32, 0), (image) => page.setInputFiles("#image-file", image))
  const dropped = await addProduct(page, "Lamp", png(40, 40, 1), (image) => drop(page, "#image-dropzone", image))

  check(problems.length === 0, problems.join("\n"))
  check(uploads.length === 2, `expected 2 upload PUTs, saw ${uploads.length}`)
  for (const url of uploads) {
    check(url.startsWith(storeUrl), `an upload went to ${origin(url)} instead of ${storeUrl}`)
  }
  if (options.screenshot) {
    await page.screenshot({ path: options.screenshot, fullPage: true })
  }
  console.log(`OK: products '${picked}' (file input) and '${dropped}' (drop) show their directly uploaded images from ${storeUrl}`)
}

// The attachment's rules apply when the upload is signed, so nothing is sent to the store.
async function rejectsTextFile(page) {
  await page.setInputFiles("#image-file", { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not a picture\n") })

  await page.waitForSelector("#image-status.error")
  const message = await page.textContent("#image-status")
  check(message.includes("text/plain"), `the rejection does not name the type: '${message}'`)
  check(await page.isDisabled("#direct-upload-form button[type=submit]"), "the submit button is enabled after a rejected file")
}

async function addProduct(page, label, image, choose) {
  const name = `${label} ${randomUUID()}`
  await page.fill("#direct-upload-form input[name=name]", name)

  await choose({ name: `${label.toLowerCase()}.png`, mimeType: "image/png", buffer: image.bytes })
  await page.waitForFunction(() => document.getElementById("image-progress").value === 100
    || document.getElementById("image-status").classList.contains("error"))
  const status = await page.textContent("#image-status")
  check(await page.inputValue("#image-signed-id") !== "", `the upload of ${label.toLowerCase()}.png failed: '${status}'`)
  const [saved] = await Promise.all([page.waitForResponse((response) => response.request().method() === "POST"
    && response.url().endsWith("/products")), page.click("#direct-upload-form button[type=submit]")])
  if (saved.status() !== 303) {
    throw new Error(`saving '${name}' returned ${saved.status()}, expected 303: ${redact(await saved.text())}`)
  }

  const img = page.locator(`img[alt="${name}"]`)
  await img.waitFor()
  const src = await img.getAttribute("src")
  check(src.startsWith(storeUrl), `the image of '${name}' comes from ${origin(src)}, expected ${storeUrl}`)
  await page.waitForFunction((element) => element.complete, await img.elementHandle())
  const size = await img.evaluate((element) => [element.naturalWidth, element.naturalHeight])
  check(size[0] === image.width && size[1] === image.height,
    `the image of '${name}' is ${size[0]}x${size[1]} pixels, expected ${image.width}x${image.height}`)
  return name
}

// A drop as the browser sends it for a file dragged from the desktop: a DragEvent whose
// DataTransfer contains the file.
async function drop(page, selector, file) {
  const dataTransfer = await page.evaluateHandle(({ name, mimeType, bytes }) => {
    const transfer = new DataTransfer()
    transfer.items.add(new File([new Uint8Array(bytes)], name, { type: mimeType }))
    return transfer
  }, { name: file.name, mimeType: file.mimeType, bytes: [...file.buffer] })

  await page.dispatchEvent(selector, "dragover", { dataTransfer })
  await page.dispatchEvent(selector, "drop", { dataTransfer })
}

function check(condition, message) {
  if (!condition) {
    throw new Error(message)
  }
}

// Signed URLs are bearer credentials, so messages show only their origin.
function origin(url) {
  return new URL(url).origin
}

// Removes the signatures from the URLs in a text, such as a message of Chromium's that quotes a
// URL: query strings (S3) and disk tokens.
function redact(text) {
  return text.replace(/(https?:\/\/[^\s'"?]+)\?[^\s'"]*/g, "$1?…").replace(/\/storage\/disk\/[^\s'"?\/]+/g, "/storage/disk/…")
}

// A width x height RGB PNG with a gradient, so its MD5 and dimensions are known to the test.
function png(width, height, seed) {
  const rows = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1)
    for (let x = 0; x < width; x++) {
      rows.set([(x * 4 + seed * 60) % 256, (y * 5) % 256, 160], row + 1 + x * 3)
    }
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8)

  const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))])
  return { bytes, width, height }
}

function chunk(type, data) {
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data])
  const framed = Buffer.alloc(typeAndData.length + 8)
  framed.writeUInt32BE(data.length, 0)
  typeAndData.copy(framed, 4)
  framed.writeUInt32BE(crc32(typeAndData), framed.length - 4)
  return framed
}

// CRC-32 as PNG defines it (ISO 3309, polynomial 0xEDB88320).
function crc32(bytes) {
  let crc = 0xffffffff
  for (const byte of bytes) {
    crc ^= byte
    for (let bit = 0; bit < 8; bit++) {
      crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1))
    }
  }
  return (crc ^ 0xffffffff) >>> 0
}
