// Uploads the catalog page's image straight to the store with the Rails client, unmodified, and
// puts the returned signed id into the form, so the form posts only the name and that id.
//
// The ES module build is used because the UMD build starts the client's form handler on load,
// which would upload the still selected file a second time when the form is submitted.
import { DirectUpload } from "./activestorage.esm.js"

const form = document.getElementById("direct-upload-form")
const fileInput = document.getElementById("image-file")
const dropzone = document.getElementById("image-dropzone")
const progress = document.getElementById("image-progress")
const status = document.getElementById("image-status")
const signedIdInput = document.getElementById("image-signed-id")
const submitButton = form.querySelector("button[type=submit]")

// Only the latest file counts: an upload that finishes after another file was chosen is ignored.
let latestUpload = 0

fileInput.addEventListener("change", () => {
  if (fileInput.files.length > 0) {
    upload(fileInput.files[0])
  }
})

dropzone.addEventListener("dragover", (event) => {
  event.preventDefault()
  dropzone.classList.add("dragover")
})

dropzone.addEventListener("dragleave", () => dropzone.classList.remove("dragover"))

// Cancelling the drop also stops the browser from filling the file input by itself, which would
// fire "change" and upload the file twice.
dropzone.addEventListener("drop", (event) => {
  event.preventDefault()
  dropzone.classList.remove("dragover")
  if (event.dataTransfer.files.length > 0) {
    fileInput.files = event.dataTransfer.files
    upload(fileInput.files[0])
  }
})

function upload(file) {
  const attempt = ++latestUpload
  let signingRequest = null
  signedIdInput.value = ""
  submitButton.disabled = true
  progress.value = 0
  report(`Uploading ${file.name}…`, false)

  const delegate = {
    directUploadWillCreateBlobWithXHR(xhr) {
      signingRequest = xhr
    },
    // The bar stops at 99% once every byte is sent, and shows 100% only when the store has
    // accepted the file.
    directUploadWillStoreFileWithXHR(xhr) {
      xhr.upload.onprogress = (event) => {
        if (attempt === latestUpload && event.lengthComputable) {
          progress.value = Math.min(99, Math.floor((event.loaded / event.total) * 100))
        }
      }
    }
  }

  new DirectUpload(file, fileInput.dataset.directUploadUrl, delegate).create((error, blob) => {
    if (attempt !== latestUpload) {
      return
    }
    if (error) {
      progress.value = 0
      report(serverMessage(signingRequest) ?? error, true)
      return
    }

    progress.value = 100
    signedIdInput.value = blob.signed_id
    submitButton.disabled = false
    report(`Uploaded ${file.name}`, false)
  })
}

// A rejected signing request carries the server's reason, such as a type that the image field
// does not accept. The client's own error message gives only the status code.
function serverMessage(xhr) {
  if (xhr === null || xhr.status < 400 || xhr.response === null) {
    return null
  }
  return xhr.response.message ?? null
}

function report(message, isError) {
  status.textContent = message
  status.classList.toggle("error", isError)
}
