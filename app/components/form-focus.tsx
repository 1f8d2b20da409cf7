import { useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";

/**
 * After a form is sent (with JavaScript, so the browser does not load a new page at the top), focus
 * goes where the reader must look: the error summary when the form was refused, otherwise the
 * result (an element marked data-form-result) or the page's heading. Without it the view stays at
 * the button while the message is drawn thousands of pixels above.
 */
export function FormFocus() {
  const navigation = useNavigation();
  const sending = useRef(false);
  useEffect(() => {
    if (navigation.state !== "idle") {
      if (navigation.formMethod && navigation.formMethod.toUpperCase() !== "GET") sending.current = true;
      return;
    }
    if (!sending.current) return;
    sending.current = false;
    const target =
      document.querySelector<HTMLElement>("[data-error-summary]") ?? document.querySelector<HTMLElement>("[data-form-result]") ?? document.querySelector<HTMLElement>("main h1");
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus();
    target.scrollIntoView({ block: "start" });
  }, [navigation.state, navigation.formMethod]);
  return null;
}
