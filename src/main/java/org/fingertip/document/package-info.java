/** Citizens' documents in object storage: uploads, the document wallet, downloads. */
package org.fingertip.document;
