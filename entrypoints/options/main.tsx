import { render } from 'preact';

render(<p>DocSpace Backup</p>, document.getElementById('app')!);
