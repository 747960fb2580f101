export default defineBackground(() => {
  // filled in by the message router
});
