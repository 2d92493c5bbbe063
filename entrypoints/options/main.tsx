import { render } from 'preact';
import { OptionsForm } from '@/components/OptionsForm';
import { createOptionsModel } from '@/utils/options-model';
import '@/components/options.css';

const model = createOptionsModel();
void model.load().then(() => render(<OptionsForm model={model} />, document.getElementById('app')!));
